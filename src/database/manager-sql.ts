import type { EntityManager } from 'typeorm';
import type { Sql } from './sql';
import { sqlDriver } from './sql-drivers';

/**
 * The executor on a TypeORM manager's connection, for callers that still hand a manager over
 * (a unit's `tx.manager`): inside its transaction when it has one, so a store sees the unit's
 * writes and writes within it; outside any transaction for the DataSource's own manager.
 */
export async function sqlOf(manager: EntityManager): Promise<Sql> {
  const driver = sqlDriver(manager.connection);
  return manager.queryRunner ? driver.session(manager.queryRunner) : driver.root;
}
