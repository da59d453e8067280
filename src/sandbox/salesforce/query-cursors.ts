import { randomBytes } from 'node:crypto';
import { SalesforceApiError } from './api-error';
import type { SoqlPlan } from './soql-evaluator';

/**
 * Query locators for `nextRecordsUrl` paging. A query answers its first batch and, when more rows
 * remain, `"done": false` and `"nextRecordsUrl": "/services/data/v62.0/query/01gD0000002HU6KIAW-2000"`
 * (the locator, a dash, the offset of the next batch). Batches are 2,000 rows unless the request
 * header `Sforce-Query-Options: batchSize=N` asks for 200–2,000.
 * Source: REST API Developer Guide, "Execute a SOQL Query" (dome_query.htm), "Query More Results"
 * and "Query Options Header" (headers_queryoptions.htm).
 */
export const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;
/** Salesforce keeps a handful of open cursors per user and drops the oldest; so do we. */
const MAX_OPEN_CURSORS = 50;

interface Cursor {
  plan: SoqlPlan;
  batchSize: number;
}

export interface QueryPageBody {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  /** The batch size asked for by a Sforce-Query-Options header (clamped to 200–2000). */
  static batchSize(header: string | undefined): number {
    const match = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
    if (!match) return DEFAULT_BATCH_SIZE;
    return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
  }

  first(plan: SoqlPlan, batchSize: number, version: string): QueryPageBody {
    if (plan.countOnly) return { totalSize: plan.rows.length, done: true, records: [] };
    return this.page({ plan, batchSize }, this.open({ plan, batchSize }), 0, version);
  }

  more(locator: string, version: string): QueryPageBody {
    const match = /^(01g[A-Za-z0-9]{15})-(\d+)$/.exec(locator);
    const cursor = match ? this.cursors.get(match[1]) : undefined;
    if (!match || !cursor) throw new SalesforceApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return this.page(cursor, match[1], Number(match[2]), version);
  }

  clear(): void {
    this.cursors.clear();
  }

  private open(cursor: Cursor): string {
    const id = `01g${randomBytes(12).toString('base64').replace(/[^A-Za-z0-9]/g, '0').slice(0, 15)}`;
    this.cursors.set(id, cursor);
    if (this.cursors.size > MAX_OPEN_CURSORS) this.cursors.delete(this.cursors.keys().next().value!);
    return id;
  }

  private page(cursor: Cursor, id: string, offset: number, version: string): QueryPageBody {
    const { plan, batchSize } = cursor;
    const end = Math.min(plan.rows.length, offset + batchSize);
    const records = plan.rows.slice(offset, end).map(plan.project);
    // the locator stays valid after the last page (a client may retry a page); old ones are evicted
    const done = end >= plan.rows.length;
    return {
      totalSize: plan.rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${id}-${end}` }),
      records,
    };
  }
}
