import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The one way to write several rows atomically.
 *
 * TypeORM 1.x runs every transaction on SQLite over one shared better-sqlite3 connection, so two
 * transactions that overlap in time interleave: rows of a rolled-back one survive (STACK.md,
 * "A correctness trap"). On SQLite we therefore run transactions one after another through a
 * promise chain; PostgreSQL gives each its own pooled connection and needs no such queue.
 * Never await network I/O inside `run`: it would hold every other writer.
 */
@Injectable()
export class UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.dataSource.transaction(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
