import { Global, Module } from '@nestjs/common';
// registers the notifications entity with the data source (database/entity-registry.ts): the code
// reaches the table through NotificationsStore only, which names no entity class at run time
import './notification.entity';
import { NotificationBus } from './notification-bus';
import { NotificationStreamService } from './notification-stream.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotificationsStore } from './notifications.store';

/** Reps' notifications: stored rows, the in-process bus and the SSE stream. */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [NotificationBus, NotificationsStore, NotificationsService, NotificationStreamService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
