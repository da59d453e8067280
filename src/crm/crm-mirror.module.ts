import { Module } from '@nestjs/common';
import { CrmModule } from './crm.module';
import { CrmMappingController } from './crm-mapping.controller';
import { CrmMappingService } from './crm-mapping.service';
import { CrmMirrorService } from './mirror/crm-mirror.service';
import { FullResyncJob, MirrorJob } from './mirror/mirror.jobs';
import { AccountsStore } from './mirror/accounts.store';
import { ProspectsStore } from './mirror/prospects.store';
// registers the watermark entity with the data source (database/entity-registry.ts): the code
// reaches sync_watermarks through WatermarksStore only, which names no entity class
import './mirror/sync-watermark.entity';
import { WatermarksStore } from './mirror/watermarks.store';
import { MirrorRetryPolicy } from './mirror/retry';
import { CrmMappingStore } from './crm-mapping.store';
import { ProspectDirectory } from './prospect-directory.service';
import { ProspectsController } from './prospects.controller';
import { RecordContextService } from './record-context.service';

/**
 * The CRM mirror (issue 3): the RevOps mapping, the mirror jobs, and the lookups the send gate,
 * the send screen and inbound matching use. Needs the CrmGateway port (CrmModule).
 */
@Module({
  imports: [CrmModule],
  controllers: [CrmMappingController, ProspectsController],
  providers: [CrmMappingService, CrmMappingStore, ProspectDirectory, RecordContextService, CrmMirrorService, MirrorRetryPolicy, MirrorJob, FullResyncJob, ProspectsStore, AccountsStore, WatermarksStore],
  exports: [CrmMappingService, ProspectsStore, WatermarksStore, ProspectDirectory, RecordContextService, CrmMirrorService],
})
export class CrmMirrorModule {}
