import { Global, Module } from '@nestjs/common';
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
