import { Injectable, OnModuleInit } from '@nestjs/common';
import { CrmGateway } from '../crm/crm-gateway.port';
import { registerLiveGauge } from './metrics';

/** Salesforce API spend on /metrics: calls this process made, and the org's daily usage. */
@Injectable()
export class CrmMetrics implements OnModuleInit {
  constructor(private readonly crm: CrmGateway) {}

  onModuleInit(): void {
    registerLiveGauge('salesforce_api_calls_made', 'Salesforce API calls this process has made since it started', () => this.crm.usage().callsMade);
    registerLiveGauge('salesforce_daily_api_used', 'Daily API requests used by the org (last Sforce-Limit-Info seen; -1 unknown)', () => this.crm.usage().dailyUsed ?? -1);
    registerLiveGauge('salesforce_daily_api_max', 'Daily API request allocation of the org (-1 unknown)', () => this.crm.usage().dailyMax ?? -1);
  }
}
