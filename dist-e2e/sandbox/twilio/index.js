"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.twilioSignature = exports.TwilioStandIn = void 0;
var twilio_stand_in_1 = require("./twilio-stand-in");
Object.defineProperty(exports, "TwilioStandIn", { enumerable: true, get: function () { return twilio_stand_in_1.TwilioStandIn; } });
var twilio_webhook_sender_1 = require("./twilio-webhook-sender");
Object.defineProperty(exports, "twilioSignature", { enumerable: true, get: function () { return twilio_webhook_sender_1.twilioSignature; } });
//# sourceMappingURL=index.js.map