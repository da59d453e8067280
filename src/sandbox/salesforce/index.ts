export { SalesforceStandIn, DEFAULT_ACCESS_TOKEN, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from './salesforce-stand-in';
export type { StandInOptions, CallCounters, AfterCommitHook } from './salesforce-stand-in';
export type { FaultKind, FaultSpec } from './faults';
export type { ValidationRule } from './org-store';
export type { Row as StandInRecord } from './soql-evaluator';
export { seedDemoOrg, type DemoOrgIds } from './seed-demo-org';
export { standInSalesforceConfig } from './stand-in-config';
