"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.standInSalesforceConfig = exports.seedDemoOrg = exports.DEFAULT_CLIENT_SECRET = exports.DEFAULT_CLIENT_ID = exports.DEFAULT_ACCESS_TOKEN = exports.SalesforceStandIn = void 0;
var salesforce_stand_in_1 = require("./salesforce-stand-in");
Object.defineProperty(exports, "SalesforceStandIn", { enumerable: true, get: function () { return salesforce_stand_in_1.SalesforceStandIn; } });
Object.defineProperty(exports, "DEFAULT_ACCESS_TOKEN", { enumerable: true, get: function () { return salesforce_stand_in_1.DEFAULT_ACCESS_TOKEN; } });
Object.defineProperty(exports, "DEFAULT_CLIENT_ID", { enumerable: true, get: function () { return salesforce_stand_in_1.DEFAULT_CLIENT_ID; } });
Object.defineProperty(exports, "DEFAULT_CLIENT_SECRET", { enumerable: true, get: function () { return salesforce_stand_in_1.DEFAULT_CLIENT_SECRET; } });
var seed_demo_org_1 = require("./seed-demo-org");
Object.defineProperty(exports, "seedDemoOrg", { enumerable: true, get: function () { return seed_demo_org_1.seedDemoOrg; } });
var stand_in_config_1 = require("./stand-in-config");
Object.defineProperty(exports, "standInSalesforceConfig", { enumerable: true, get: function () { return stand_in_config_1.standInSalesforceConfig; } });
//# sourceMappingURL=index.js.map