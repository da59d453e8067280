import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule, type Params as LoggerParams } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ShutdownSignalModule } from './common/shutdown-signal';
import { DatabaseModule } from './database/database.module';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { NumbersModule } from './numbers/numbers.module';
import { ConsentModule } from './consent/consent.module';
import { OutboxModule } from './outbox/outbox.module';
import { SmsProviderModule } from './messaging/twilio/sms-provider.module';
import { CrmModule } from './crm/crm.module';
import { SendingModule } from './messaging/sending.module';
import { ActivityModule } from './sync/activity.module';
import { NotificationsModule } from './notifications/notifications.module';
import { InboundModule } from './messaging/inbound.module';
import { DeliveryModule } from './messaging/delivery/delivery.module';
import { ConsentMessagesModule } from './messaging/consent-messages.reader';
import { SyncModule } from './sync/sync.module';
import { JobsModule } from './jobs/jobs.module';
import { CrmMirrorModule } from './crm/crm-mirror.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, dataSource: DataSource, logging: LoggerParams): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(logging),
        ConfigModule.forConfig(config),
        ShutdownSignalModule,
        DatabaseModule.forDataSource(dataSource),
        ScheduleModule.forRoot(),
        AuthModule,
        HealthModule,
        CrmModule,
        SmsProviderModule,
        OutboxModule,
        ActivityModule,
        ConsentModule,
        ConsentMessagesModule,
        NumbersModule,
        SendingModule,
        NotificationsModule,
        InboundModule,
        DeliveryModule,
        JobsModule,
        SyncModule,
        CrmMirrorModule,
      ],
    };
  }
}
