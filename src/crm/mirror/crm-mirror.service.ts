import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { nowIso } from '../../database/columns';
import { UnitOfWork } from '../../database/unit-of-work';
import { JobFailedError, type JobProgress, type JobStats } from '../../sync/sync-job';
import { SyncWatermark } from '../../sync/sync-watermark.entity';
import { CrmGateway, type QueryPage } from '../crm-gateway.port';
import { CrmMappingService } from '../crm-mapping.service';
import { pageRows } from './mirror-rows';
import { createMirrorStore, type MirrorStore } from './mirror-store';
import { hasLaterStamp, MIRROR_BATCH_SIZE, mirrorSoql, mirrorSpecs, type MirrorSpec, type Watermark } from './mirror-spec';
import { MirrorRetryPolicy, withRetry } from './retry';

export type MirrorMode = 'incremental' | 'full';

export interface MirrorStats extends JobStats {
  recordsRead: number;
  recordsUpserted: number;
  recordsRemoved: number;
  recordsWritten: number;
  phoneWarnings: number;
  pages: number;
  retries: number;
  objects: number;
  salesforceApiCalls: number;
}

const emptyStats = (): MirrorStats => ({
  recordsRead: 0,
  recordsUpserted: 0,
  recordsRemoved: 0,
  recordsWritten: 0,
  phoneWarnings: 0,
  pages: 0,
  retries: 0,
  objects: 0,
  salesforceApiCalls: 0,
});

/**
 * The CRM mirror (issue 3): Accounts and the People of the mapping, read with SystemModstamp-
 * watermarked SOQL and streamed page by page into the database.
 *
 * - incremental: `queryAll` after the (SystemModstamp, Id) watermark, so deletions arrive in the
 *   same query as edits (a deleted record's stamp moves) and an idle poll is one call per object.
 *   Each page is committed with its watermark advance in one unit of work: a failure half-way
 *   leaves the watermark at the last committed page and nothing half-written.
 * - full: re-reads every live record, then sweeps what was not written since the run began
 *   (records Salesforce no longer has, even purged ones the incremental path cannot see).
 *
 * At most two pages are in memory: the one being committed and the next one being fetched.
 * `salesforceApiCalls` counts the mirror's own query calls (retries included); an OAuth token
 * request the connection makes on the way is connection overhead, counted on /metrics.
 */
@Injectable()
export class CrmMirrorService {
  private readonly logger = new Logger('CrmMirror');
  private readonly store: MirrorStore;

  constructor(
    private readonly crm: CrmGateway,
    private readonly mappings: CrmMappingService,
    private readonly uow: UnitOfWork,
    private readonly retry: MirrorRetryPolicy,
    dataSource: DataSource,
  ) {
    this.store = createMirrorStore(dataSource.manager);
  }

  /** Mirrors every object of the active mapping; one object failing does not stop the others, but fails the run. */
  async run(mode: MirrorMode, progress: JobProgress): Promise<MirrorStats> {
    const mapping = await this.mappings.mapping();
    const stats = emptyStats();
    const failures: string[] = [];
    for (const spec of mirrorSpecs(mapping)) {
      if (progress.signal?.aborted) throw new JobFailedError('stopped: the process is shutting down', stats);
      try {
        await this.mirrorObject(spec, mode, stats, progress);
        stats.objects++;
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
        this.logger.warn({ msg: 'mirror of an object failed; its watermark stays at the last committed page', object: spec.object, mode, reason });
        failures.push(`${spec.object}: ${reason}`);
      }
    }
    if (failures.length) throw new JobFailedError(`mirror ${mode === 'full' ? '(full resync) ' : ''}failed for ${failures.join('; ')}`, stats);
    return stats;
  }

  private async mirrorObject(spec: MirrorSpec, mode: MirrorMode, stats: MirrorStats, progress: JobProgress): Promise<void> {
    const startedAt = nowIso();
    const after = mode === 'incremental' ? await this.watermarkOf(spec.object) : null;
    const fetch = <T>(call: () => Promise<T>) =>
      withRetry(call, this.retry, {
        onAttempt: () => stats.salesforceApiCalls++,
        onRetry: (error, attempt) => {
          stats.retries++;
          this.logger.warn({ msg: 'transient Salesforce error on a mirror page; retrying', object: spec.object, attempt, kind: error.kind, reason: error.message });
        },
      });

    let page: QueryPage = await fetch(() => this.crm.query(mirrorSoql(spec, after), { batchSize: MIRROR_BATCH_SIZE, includeDeleted: mode === 'incremental' }));
    const total = page.totalSize;
    let done = 0;
    let last: Watermark | null = null;
    progress.update(0, total, spec.object);
    for (;;) {
      // Fetch the next page while this one is written; a failure surfaces when it is awaited.
      const nextUrl = page.done ? null : page.nextRecordsUrl;
      const next = nextUrl ? fetch(() => this.crm.queryMore(nextUrl)) : null;
      next?.catch(() => undefined);

      const rows = pageRows(spec, page.records);
      const read = page.records.length;
      page.records = []; // the rows hold what is needed: let the page go before the next one arrives
      const syncedAt = nowIso();
      const result = await this.uow.run((manager) =>
        this.store.applyPage(manager, {
          object: spec.object,
          kind: spec.kind,
          prospects: rows.prospects,
          accounts: rows.accounts,
          removedIds: rows.removedIds,
          watermark: mode === 'incremental' ? rows.last : null,
          syncedAt,
        }),
      );
      stats.pages++;
      stats.recordsRead += read;
      stats.recordsUpserted += result.upserted;
      stats.recordsRemoved += result.removed;
      stats.recordsWritten += result.upserted + result.removed;
      stats.phoneWarnings += rows.phoneWarnings;
      done += read;
      last = rows.last ?? last;
      progress.update(done, total, spec.object);

      if (!next) break;
      if (progress.signal?.aborted) throw new Error('stopped: the process is shutting down');
      page = await next;
    }
    if (mode === 'full') await this.sweep(spec, startedAt, last, stats);
  }

  /** After a complete full read: drop what was not seen, and move the watermark up to what was read. */
  private async sweep(spec: MirrorSpec, startedAt: string, last: Watermark | null, stats: MirrorStats): Promise<void> {
    const swept = await this.uow.run(async (manager) => {
      const removed = await this.store.sweep(manager, spec.object, spec.kind, startedAt);
      const repo = manager.getRepository(SyncWatermark);
      const current = await repo.findOneBy({ objectName: spec.object });
      if (last && hasLaterStamp(last, current ? { modstamp: current.lastModstamp, id: current.lastId } : null)) {
        await repo.save({ objectName: spec.object, lastModstamp: last.modstamp, lastId: last.id, updatedAt: nowIso() });
      }
      return removed;
    });
    stats.recordsRemoved += swept;
    stats.recordsWritten += swept;
  }

  private async watermarkOf(objectName: string): Promise<Watermark | null> {
    const row = await this.uow.run((manager) => manager.getRepository(SyncWatermark).findOneBy({ objectName }));
    return row ? { modstamp: row.lastModstamp, id: row.lastId } : null;
  }
}
