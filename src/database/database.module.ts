import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from './unit-of-work';

/**
 * Provides the opened DataSource (migrated before the app is built, see main.ts / createApp)
 * and the UnitOfWork every multi-row write goes through.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forDataSource(dataSource: DataSource) {
    return {
      module: DatabaseModule,
      providers: [{ provide: DataSource, useValue: dataSource }, UnitOfWork],
      exports: [DataSource, UnitOfWork],
    };
  }
}
