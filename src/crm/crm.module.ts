import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiCallMeter } from '../jobs/api-call-meter';
import { CrmGateway } from './crm-gateway.port';
import { JsforceCrmGateway } from './salesforce/jsforce-crm.gateway';

/**
 * Provides the CrmGateway (jsforce) from AppConfig.salesforce, and its call count as the jobs' ApiCallMeter. In sandbox mode the bootstrap starts
 * the Salesforce stand-in first and puts its settings into the config
 * (`standInSalesforceConfig(standIn)` from src/sandbox/salesforce).
 */
@Global()
@Module({
  providers: [
    {
      provide: CrmGateway,
      useFactory: (config: AppConfig) => new JsforceCrmGateway(config.salesforce),
      inject: [APP_CONFIG],
    },
    // the job runner records the API calls a run made (stats.salesforceApiCalls) from this count
    {
      provide: ApiCallMeter,
      useFactory: (crm: CrmGateway): ApiCallMeter => ({ callsMade: () => crm.usage().callsMade }),
      inject: [CrmGateway],
    },
  ],
  exports: [CrmGateway, ApiCallMeter],
})
export class CrmModule {}
