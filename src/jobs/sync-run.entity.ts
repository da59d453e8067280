import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type SyncRunStatus = 'running' | 'succeeded' | 'failed';

@Entity('sync_runs')
@Index('ix_sync_runs_job_started', ['job', 'startedAt'])
@Index('ix_sync_runs_status_heartbeat', ['status', 'heartbeatAt'])
export class SyncRun {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** the handler's name (JobHandler.name) */
  @Column({ type: 'varchar', length: 20 })
  job!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: SyncRunStatus;

  @Column({ name: 'started_at', type: 'varchar', length: 30 })
  startedAt!: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 30, nullable: true })
  finishedAt!: string | null;

  /** JSON: salesforceApiCalls, records read/written, warnings… */
  @Column({ type: 'text' })
  stats!: string;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** what the run holds while it runs (mirror and full-resync share one key); see the lease migration */
  @Column({ name: 'lock_key', type: 'varchar', length: 20, nullable: true })
  lockKey!: string | null;

  /** renewed while the run is alive; a running row with an old heartbeat was abandoned */
  @Column({ name: 'heartbeat_at', type: 'varchar', length: 30, nullable: true })
  heartbeatAt!: string | null;

  /** the INSTANCE_NAME of the instance running it (null: recorded before instances were named) */
  @Column({ type: 'varchar', length: 64, nullable: true })
  holder!: string | null;
}
