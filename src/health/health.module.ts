import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { CrmMetrics } from './crm-metrics';

@Module({ controllers: [HealthController], providers: [CrmMetrics] })
export class HealthModule {}
