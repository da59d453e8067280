import { Global, Module } from '@nestjs/common';
import { CrmMirrorModule } from '../crm/crm-mirror.module';
import { ConsentController } from './consent.controller';
import { ConsentLedgerService } from './consent-ledger.service';
import { ConsentService } from './consent.service';
import { ConsentBlocksStore } from './consent-blocks.store';

@Global()
@Module({ imports: [CrmMirrorModule], controllers: [ConsentController], providers: [ConsentService, ConsentLedgerService, ConsentBlocksStore], exports: [ConsentService, ConsentBlocksStore] })
export class ConsentModule {}
