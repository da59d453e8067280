import { Module } from '@nestjs/common';
import { CrmMirrorModule } from '../crm/crm-mirror.module';
import { SendingModule } from '../messaging/sending.module';
import { NumbersModule } from '../numbers/numbers.module';
import { ActivityFlushService } from './activity-flush.service';
import { ActivityFlushJob, ReconcileJob } from './activity-jobs';
import { ActivityStatusService } from './activity-status.service';
import { ApiBudget } from './api-budget';
import { ReconcileService } from './reconcile.service';
import { TaskSourceLoader } from './task-source.loader';

/**
 * Activity logging (issue 6): the outbox drained into Salesforce Tasks, Do-Not-SMS write-backs,
 * the API budget and the reconcile job. The job runner finds the two SyncJobHandlers itself; the
 * CrmGateway comes from the global CrmModule, the mapping in force from CrmMirrorModule's CrmMappingService.
 */
@Module({
  imports: [CrmMirrorModule, SendingModule, NumbersModule],
  providers: [
    ApiBudget,
    TaskSourceLoader,
    ActivityFlushService,
    ReconcileService,
    ActivityStatusService,
    ActivityFlushJob,
    ReconcileJob,
  ],
  exports: [ApiBudget, ActivityFlushService, ReconcileService, ActivityStatusService],
})
export class ActivityModule {}
