import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { NumbersAdminController } from './numbers-admin.controller';
import { NumbersService } from './numbers.service';
import { SenderNumbersStore } from './sender-numbers.store';
import { SmsRequestsController } from './sms-requests.controller';
import { SmsRequestsService } from './sms-requests.service';
import { SmsRequestsStore } from './sms-requests.store';

@Module({
  controllers: [MeController, NumbersAdminController, SmsRequestsController],
  providers: [NumbersService, SmsRequestsService, SenderNumbersStore, SmsRequestsStore],
  exports: [NumbersService, SenderNumbersStore],
})
export class NumbersModule {}
