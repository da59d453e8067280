import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from './sql';
import { UnitOfWork } from './unit-of-work';

/**
 * Provides the opened DataSource (migrated before the app is built, see main.ts / createApp),
 * the UnitOfWork every write goes through, and `Sql` for plain-SQL reads outside it.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forDataSource(dataSource: DataSource) {
    return {
      module: DatabaseModule,
      providers: [{ provide: DataSource, useValue: dataSource }, UnitOfWork, { provide: Sql, useFactory: (uow: UnitOfWork) => uow.sql, inject: [UnitOfWork] }],
      exports: [DataSource, UnitOfWork, Sql],
    };
  }
}
