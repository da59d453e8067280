import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CrmMappingRecord } from '../crm/crm-mapping-record.entity';
import { CrmMapping, loadMappingFile, parseMapping } from '../crm/crm-mapping';

/**
 * Where the activity jobs read the RevOps mapping from: the one saved through
 * PUT /api/admin/crm-mapping when present, else the file. An abstract class as the DI token so
 * the CRM module's own active-mapping service can take its place.
 */
export abstract class CrmMappingSource {
  abstract current(): Promise<CrmMapping>;
}

@Injectable()
export class StoredOrFileMappingSource extends CrmMappingSource {
  private fromFile: CrmMapping | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async current(): Promise<CrmMapping> {
    const [saved] = await this.dataSource.getRepository(CrmMappingRecord).find({ order: { updatedAt: 'DESC' }, take: 1 });
    if (saved) return parseMapping(JSON.parse(saved.document));
    this.fromFile ??= loadMappingFile(this.config.crmMappingFile);
    return this.fromFile;
  }
}
