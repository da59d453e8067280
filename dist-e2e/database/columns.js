"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.nowIso = exports.ISO_LENGTH = void 0;
/**
 * Column conventions shared by every entity, chosen so one migration suite runs unchanged on
 * SQLite and PostgreSQL: ids are text (uuid or Salesforce 18-char id), instants are ISO-8601
 * UTC strings (they sort as text and survive both drivers byte for byte), JSON is text.
 */
exports.ISO_LENGTH = 30;
const nowIso = () => new Date().toISOString();
exports.nowIso = nowIso;
//# sourceMappingURL=columns.js.map