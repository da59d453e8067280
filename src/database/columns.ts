/**
 * Column conventions shared by every entity, chosen so one migration suite runs unchanged on
 * SQLite and PostgreSQL: ids are text (uuid or Salesforce 18-char id), instants are ISO-8601
 * UTC strings (they sort as text and survive both drivers byte for byte), JSON is text.
 */
export const ISO_LENGTH = 30;
export const nowIso = (): string => new Date().toISOString();
