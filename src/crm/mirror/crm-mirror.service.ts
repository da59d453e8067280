import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { nowIso } from '../../database/columns';
import { Tx, UnitOfWork } from '../../database/unit-of-work';
import { JobFailedError, type JobProgress, type JobStats } from '../../jobs/job-handler';
import { CrmGateway, type QueryPage } from '../crm-gateway.port';
import { CrmMappingService } from '../crm-mapping.service';
import { AccountsStore } from './accounts.store';
import { pageRows, type PageRows } from './mirror-rows';
import { ProspectsStore } from './prospects.store';
import { WatermarksStore } from './watermarks.store';
import { isAfter, MIRROR_BATCH_SIZE, notBefore, mirrorSoql, mirrorSpecs, queryRanAt, type MirrorSpec, type Watermark } from './mirror-spec';
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
 * The CRM mirror: Accounts and the People of the mapping, read with SystemModstamp-watermarked
 * SOQL and streamed page by page into the database.
 *
 * - incremental: `queryAll` of everything stamped at or after the watermark less
 *   MIRROR_OVERLAP_SECONDS, so deletions arrive in the same query as edits (a deleted record's
 *   stamp moves), saves stamped in an already-read second or committed late are read by the next
 *   poll, and an idle poll is one call per object. Every record read is applied at once. Each
 *   page is committed with its watermark advance in one unit of work: a failure half-way leaves
 *   the watermark at the last committed page and nothing half-written. A complete run moves the
 *   watermark to the second its query ran on Salesforce's clock (queryRanAt).
 * - full: re-reads every live record, then sweeps what was not written since the run began
 *   (records Salesforce no longer has, even purged ones the incremental path cannot see), and
 *   moves the watermark to the second its query ran.
 *
 * At most two pages are in memory: the one being committed and the next one being fetched.
 * `salesforceApiCalls` counts the mirror's own query calls (retries included); an OAuth token
 * request the connection makes on the way is connection overhead, counted on /metrics.
 */
@Injectable()
export class CrmMirrorService {
  private readonly logger = new Logger('CrmMirror');

  constructor(
    private readonly crm: CrmGateway,
    private readonly mappings: CrmMappingService,
    private readonly uow: UnitOfWork,
    private readonly retry: MirrorRetryPolicy,
    private readonly prospects: ProspectsStore,
    private readonly accounts: AccountsStore,
    private readonly watermarks: WatermarksStore,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'mirrorOverlapSeconds'>,
  ) {}

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

    const sentAt = Date.now();
    const soql = mirrorSoql(spec, after, this.config.mirrorOverlapSeconds);
    let page: QueryPage = await fetch(() => this.crm.query(soql, { batchSize: MIRROR_BATCH_SIZE, includeDeleted: mode === 'incremental' }));
    const ranAt: Watermark = { modstamp: queryRanAt(page.serverTime, sentAt, Date.now()), id: '' };
    const total = page.totalSize;
    let done = 0;
    let mark = after; // the watermark as committed
    progress.update(0, total, spec.object);
    for (;;) {
      // fetch the next page while this one is written (a failure surfaces when it is awaited)
      const nextUrl = page.done ? null : page.nextRecordsUrl;
      const next = nextUrl ? fetch(() => this.crm.queryMore(nextUrl)) : null;
      next?.catch(() => undefined);

      const rows = pageRows(spec, page.records);
      const read = page.records.length;
      page.records = []; // the rows hold what is needed: let the page go before the next one arrives
      // incremental: the last record committed mid-run, the query's second once the run is
      // complete; never backwards (an overlap re-read, a clock behind the watermark)
      let watermark: Watermark | null = null;
      if (mode === 'incremental') {
        if (next && rows.last && isAfter(rows.last, mark)) watermark = rows.last;
        if (!next && notBefore(ranAt, mark)) watermark = ranAt;
      }
      const syncedAt = nowIso();
      const result = await this.uow.unit((tx) => this.applyPage(tx, spec, rows, watermark, syncedAt));
      mark = watermark ?? mark;
      stats.pages++;
      stats.recordsRead += read;
      stats.recordsUpserted += result.upserted;
      stats.recordsRemoved += result.removed;
      stats.recordsWritten += result.upserted + result.removed;
      stats.phoneWarnings += rows.phoneWarnings;
      done += read;
      progress.update(done, total, spec.object);

      if (!next) break;
      if (progress.signal?.aborted) throw new Error('stopped: the process is shutting down');
      page = await next;
    }
    if (mode === 'full') await this.sweep(spec, startedAt, ranAt, stats);
  }

  /** One page's changes, and the watermark advance past it (null: leave it), in the caller's unit. */
  private async applyPage(tx: Tx, spec: MirrorSpec, rows: PageRows, watermark: Watermark | null, syncedAt: string): Promise<{ upserted: number; removed: number }> {
    let removed = 0;
    if (rows.removedIds.length > 0) {
      removed = spec.kind === 'people' ? await this.prospects.remove(tx, rows.removedIds) : await this.accounts.remove(tx, rows.removedIds);
    }
    const upserted = (await this.prospects.upsert(tx, rows.prospects, syncedAt)) + (await this.accounts.upsert(tx, rows.accounts, syncedAt));
    if (watermark) await this.watermarks.set(tx, spec.object, watermark, syncedAt);
    return { upserted, removed };
  }

  /** After a complete full read: drop what was not seen, and move the watermark up to the second the read ran. */
  private async sweep(spec: MirrorSpec, startedAt: string, reached: Watermark, stats: MirrorStats): Promise<void> {
    const swept = await this.uow.unit(async (tx) => {
      const removed = spec.kind === 'people' ? await this.prospects.sweep(tx, spec.object, startedAt) : await this.accounts.sweep(tx, startedAt);
      if (notBefore(reached, await this.watermarks.of(spec.object, tx))) await this.watermarks.set(tx, spec.object, reached, nowIso());
      return removed;
    });
    stats.recordsRemoved += swept;
    stats.recordsWritten += swept;
  }

  private watermarkOf(objectName: string): Promise<Watermark | null> {
    return this.uow.unit((tx) => this.watermarks.of(objectName, tx));
  }
}
