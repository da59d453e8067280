import { Global, Module } from '@nestjs/common';
import { ConsentController } from './consent.controller';
import { ConsentLedgerService } from './consent-ledger.service';
import { ConsentService } from './consent.service';

@Global()
@Module({ controllers: [ConsentController], providers: [ConsentService, ConsentLedgerService], exports: [ConsentService] })
export class ConsentModule {}
