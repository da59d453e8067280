"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fileUnder = fileUnder;
/**
 * Which prospect a reply is filed under when several share the number it came from (a household
 * line, a Contact and its old Lead). Every one of them sees the reply in its thread, since threads
 * are built from phone numbers; this only picks the one the message row and the CRM Task name.
 *   1. the prospect the rep last texted at this number from this line — the reply answers that;
 *   2. else a prospect the number's owner owns in the CRM;
 *   3. else the first: Contacts before Leads, then by id (stable).
 */
function fileUnder(prospects, last, ownerSalesforceUserId) {
    if (prospects.length === 0)
        return { prospect: null, recordId: null };
    const texted = last?.prospectId ? prospects.find((p) => p.id === last.prospectId) : undefined;
    if (texted)
        return { prospect: texted, recordId: last?.recordId ?? texted.id };
    const ordered = [...prospects].sort((a, b) => rank(a, ownerSalesforceUserId) - rank(b, ownerSalesforceUserId) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { prospect: ordered[0], recordId: ordered[0].id };
}
function rank(p, owner) {
    return (owner !== null && p.ownerId === owner ? 0 : 2) + (p.objectType === 'Contact' ? 0 : 1);
}
//# sourceMappingURL=conversation-match.js.map