"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.standInSalesforceConfig = standInSalesforceConfig;
const salesforce_stand_in_1 = require("./salesforce-stand-in");
/**
 * The Salesforce settings that point the service at a started stand-in (sandbox mode): the
 * client-credentials flow against its token endpoint by default, or its pre-shared token.
 */
function standInSalesforceConfig(standIn, options = {}) {
    const oauth = (options.auth ?? 'oauth') === 'oauth';
    return {
        instanceUrl: standIn.url,
        accessToken: oauth ? null : standIn.accessToken,
        loginUrl: oauth ? standIn.url : null,
        clientId: oauth ? salesforce_stand_in_1.DEFAULT_CLIENT_ID : null,
        clientSecret: oauth ? salesforce_stand_in_1.DEFAULT_CLIENT_SECRET : null,
        apiVersion: options.apiVersion ?? '62.0',
    };
}
//# sourceMappingURL=stand-in-config.js.map