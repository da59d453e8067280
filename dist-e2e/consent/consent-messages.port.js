"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConsentMessages = void 0;
/**
 * What the consent ledger needs from messaging: the messages behind its events. Consent owns this
 * port; messaging provides it (ConsentMessagesModule), so consent never imports messaging.
 */
class ConsentMessages {
}
exports.ConsentMessages = ConsentMessages;
//# sourceMappingURL=consent-messages.port.js.map