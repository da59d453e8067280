"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toMessageView = toMessageView;
function toMessageView(m) {
    return {
        id: m.id,
        direction: m.direction,
        from: m.fromNumber,
        to: m.toNumber,
        body: m.body,
        encoding: m.encoding,
        segments: m.segments,
        status: m.status,
        errorCode: m.errorCode,
        providerSid: m.providerSid,
        prospectId: m.prospectId,
        recordId: m.recordId,
        userId: m.userId,
        createdAt: m.createdAt,
        crmActivityId: m.crmActivityId,
    };
}
//# sourceMappingURL=message.view.js.map