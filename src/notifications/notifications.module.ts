import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { databaseEvents } from '../database/database-events';
// registers the notifications entity with the data source (database/entity-registry.ts): the code
// reaches the table through NotificationsStore only, which names no entity class at run time
import './notification.entity';
import { NotificationBus } from './notification-bus';
import { NotificationFanout } from './notification-fanout.port';
import { NotificationRelay } from './notification-relay.service';
import { NotificationStreamService } from './notification-stream.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotificationsStore } from './notifications.store';

/** The channel notifications are announced on (PostgreSQL LISTEN/NOTIFY). */
export const NOTIFICATIONS_CHANNEL = 'sms_crm_sync_notifications';

/** Reps' notifications: stored rows, the in-process bus, its fan-out across instances and the SSE stream. */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationBus,
    {
      provide: NotificationFanout,
      useFactory: (dataSource: DataSource, config: AppConfig): NotificationFanout =>
        databaseEvents(dataSource, { channel: NOTIFICATIONS_CHANNEL, applicationName: `sms-crm-sync events ${config.instanceName}` }),
      inject: [DataSource, APP_CONFIG],
    },
    NotificationRelay,
    NotificationsStore,
    NotificationsService,
    NotificationStreamService,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
