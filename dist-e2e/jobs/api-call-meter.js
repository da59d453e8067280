"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiCallMeter = void 0;
/**
 * How many CRM API calls this process has made so far. The runner reads it around a run and
 * records the difference as `salesforceApiCalls` when the job reports none; the CRM context
 * provides it (CrmModule), so the jobs context never imports the CRM.
 */
class ApiCallMeter {
}
exports.ApiCallMeter = ApiCallMeter;
//# sourceMappingURL=api-call-meter.js.map