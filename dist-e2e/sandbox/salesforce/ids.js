"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IdFactory = void 0;
const salesforce_id_1 = require("../../common/salesforce-id");
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/**
 * Makes Salesforce-style record ids: the object's 3-character key prefix, a 2-character "pod",
 * a 10-character base-62 sequence, then the 3-character case checksum (18 characters in all).
 * Ids increase with creation order, so sorting by Id (a string compare, 0-9 < A-Z < a-z as in
 * base 62) follows creation order like a real org's.
 */
class IdFactory {
    pod;
    sequence = 0;
    constructor(pod = '8d') {
        this.pod = pod;
    }
    next(keyPrefix) {
        this.sequence += 1;
        let n = this.sequence;
        let body = '';
        for (let i = 0; i < 10; i++) {
            body = BASE62[n % 62] + body;
            n = Math.floor(n / 62);
        }
        const id15 = `${keyPrefix}${this.pod}${body}`;
        return id15 + (0, salesforce_id_1.checksumSuffix)(id15);
    }
}
exports.IdFactory = IdFactory;
//# sourceMappingURL=ids.js.map