"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PREVIEW_LENGTH = void 0;
exports.toNotificationView = toNotificationView;
exports.previewOf = previewOf;
function toNotificationView(n) {
    return {
        id: n.id,
        type: n.type,
        messageId: n.messageId,
        recordId: n.recordId,
        prospectName: n.prospectName,
        preview: n.preview,
        createdAt: n.createdAt,
        read: n.readAt !== null,
    };
}
exports.PREVIEW_LENGTH = 140;
/** The first line-ish of a reply, whitespace collapsed, cut on a code point with an ellipsis. */
function previewOf(body) {
    const flat = body.replace(/\s+/g, ' ').trim();
    const chars = Array.from(flat);
    return chars.length <= exports.PREVIEW_LENGTH ? flat : chars.slice(0, exports.PREVIEW_LENGTH - 1).join('') + '…';
}
//# sourceMappingURL=notification.view.js.map