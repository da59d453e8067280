import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { JobRunner, SYNC_JOBS } from './job-runner.service';
import { SyncStatusService } from './sync-status.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/sync')
export class SyncAdminController {
  constructor(
    private readonly runner: JobRunner,
    private readonly syncStatus: SyncStatusService,
  ) {}

  @Post(':job')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a sync job in the background; 409 JOB_RUNNING when it already runs' })
  @ApiParam({ name: 'job', enum: SYNC_JOBS })
  async start(@Param('job') job: string) {
    return { runId: await this.runner.start(job) };
  }

  @Get('runs/:runId')
  @ApiOperation({ summary: 'One run: status, times and stats (salesforceApiCalls, records read / written)' })
  run(@Param('runId') runId: string) {
    return this.runner.findRun(runId);
  }

  @Get('status')
  @ApiOperation({ summary: 'Watermarks, outbox depth and the last run of each job' })
  status() {
    return this.syncStatus.status();
  }
}
