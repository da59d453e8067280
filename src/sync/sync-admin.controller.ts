import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { ActivityStatusService } from './activity-status.service';
import { JobRunner } from '../jobs/job-runner.service';
import { RequeueOutboxDto } from './sync-admin.dto';
import { SyncStatusService } from './sync-status.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/sync')
export class SyncAdminController {
  constructor(
    private readonly runner: JobRunner,
    private readonly syncStatus: SyncStatusService,
    private readonly activity: ActivityStatusService,
  ) {}

  @Post('outbox/requeue')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put parked outbox entries (all, or those of ids) back in the queue for the next activity flush' })
  requeue(@Body() body: RequeueOutboxDto) {
    return this.activity.requeueParked(body.ids);
  }

  @Post(':job')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a sync job in the background; 409 JOB_RUNNING when it already runs' })
  @ApiParam({ name: 'job', description: 'a job of this service: mirror, full-resync, activity-flush, reconcile, keyword-replies, … (GET status lists them)' })
  async start(@Param('job') job: string) {
    return { runId: await this.runner.start(job) };
  }

  @Get('runs/:runId')
  @ApiOperation({ summary: 'One run: status, times and stats (salesforceApiCalls, records read / written)' })
  run(@Param('runId') runId: string) {
    return this.runner.findRun(runId);
  }

  @Get('status')
  @ApiOperation({ summary: 'Watermarks, outbox depth (by kind, with the latest parked entries), the API budget and the last run of each job' })
  status() {
    return this.syncStatus.status();
  }
}
