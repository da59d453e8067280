import type { SalesforceConfig } from '../../config/app-config';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, type SalesforceStandIn } from './salesforce-stand-in';

/**
 * The Salesforce settings that point the service at a started stand-in (sandbox mode): the
 * client-credentials flow against its token endpoint by default, or its pre-shared token.
 */
export function standInSalesforceConfig(standIn: SalesforceStandIn, options: { auth?: 'oauth' | 'token'; apiVersion?: string } = {}): SalesforceConfig {
  const oauth = (options.auth ?? 'oauth') === 'oauth';
  return {
    instanceUrl: standIn.url,
    accessToken: oauth ? null : standIn.accessToken,
    loginUrl: oauth ? standIn.url : null,
    clientId: oauth ? DEFAULT_CLIENT_ID : null,
    clientSecret: oauth ? DEFAULT_CLIENT_SECRET : null,
    apiVersion: options.apiVersion ?? '62.0',
  };
}
