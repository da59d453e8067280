import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CrmGateway } from './crm-gateway.port';
import { JsforceCrmGateway } from './salesforce/jsforce-crm.gateway';

/**
 * Provides the CrmGateway (jsforce) from AppConfig.salesforce. In sandbox mode the bootstrap starts
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
  ],
  exports: [CrmGateway],
})
export class CrmModule {}
