"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KEY_PREFIXES = void 0;
exports.isSalesforceId = isSalesforceId;
exports.checksumSuffix = checksumSuffix;
exports.toId18 = toId18;
exports.objectOfId = objectOfId;
/**
 * Salesforce record ids come in a case-sensitive 15-character form and a case-insensitive
 * 18-character form (the 15 plus a 3-character checksum of the capitalisation). We store the
 * 18-character form and accept either.
 */
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;
function isSalesforceId(value) {
    return ID15.test(value) || ID18.test(value);
}
function checksumSuffix(id15) {
    let suffix = '';
    for (let block = 0; block < 3; block++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charAt(block * 5 + i);
            if (c >= 'A' && c <= 'Z')
                bits |= 1 << i;
        }
        suffix += SUFFIX_CHARS.charAt(bits);
    }
    return suffix;
}
/** The 18-character form, or null when the value is not a Salesforce id. */
function toId18(value) {
    if (ID18.test(value)) {
        const base = value.slice(0, 15);
        return checksumSuffix(base) === value.slice(15).toUpperCase() ? base + checksumSuffix(base) : null;
    }
    if (ID15.test(value))
        return value + checksumSuffix(value);
    return null;
}
/** The object a record id belongs to, by its key prefix. */
exports.KEY_PREFIXES = {
    '001': 'Account',
    '003': 'Contact',
    '00Q': 'Lead',
    '00T': 'Task',
    '006': 'Opportunity',
    '005': 'User',
    '00K': 'OpportunityContactRole',
};
function objectOfId(id) {
    return exports.KEY_PREFIXES[id.slice(0, 3)] ?? null;
}
//# sourceMappingURL=salesforce-id.js.map