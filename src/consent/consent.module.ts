import { Global, Module } from '@nestjs/common';
import { CrmMirrorModule } from '../crm/crm-mirror.module';
import { ConsentController } from './consent.controller';
import { ConsentLedgerService } from './consent-ledger.service';
import { ConsentService } from './consent.service';
import { ConsentBlocksStore } from './consent-blocks.store';
import { ConsentCrmFlagsStore } from './consent-crm-flags.store';
import { ConsentEventsStore } from './consent-events.store';

@Global()
@Module({ imports: [CrmMirrorModule], controllers: [ConsentController], providers: [ConsentService, ConsentLedgerService, ConsentBlocksStore, ConsentEventsStore, ConsentCrmFlagsStore], exports: [ConsentService, ConsentBlocksStore] })
export class ConsentModule {}
