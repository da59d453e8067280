"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.newApiKey = newApiKey;
exports.hashApiKey = hashApiKey;
const node_crypto_1 = require("node:crypto");
/** API keys are 32 random bytes; only their sha256 is stored (high entropy makes a slow hash unnecessary). */
function newApiKey() {
    return `scs_${(0, node_crypto_1.randomBytes)(32).toString('base64url')}`;
}
function hashApiKey(key) {
    return (0, node_crypto_1.createHash)('sha256').update(key, 'utf8').digest('hex');
}
//# sourceMappingURL=api-key.js.map