import { Global, Module } from '@nestjs/common';
import { ConsentController } from './consent.controller';
import { ConsentLedgerService } from './consent-ledger.service';
import { ConsentService } from './consent.service';
import { ConsentBlocksStore } from './consent-blocks.store';

@Global()
@Module({ controllers: [ConsentController], providers: [ConsentService, ConsentLedgerService, ConsentBlocksStore], exports: [ConsentService, ConsentBlocksStore] })
export class ConsentModule {}
