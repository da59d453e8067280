import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { NumbersAdminController } from './numbers-admin.controller';
import { NumbersService } from './numbers.service';
import { SmsRequestsController } from './sms-requests.controller';
import { SmsRequestsService } from './sms-requests.service';

@Module({
  controllers: [MeController, NumbersAdminController, SmsRequestsController],
  providers: [NumbersService, SmsRequestsService],
  exports: [NumbersService],
})
export class NumbersModule {}
