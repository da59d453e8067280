/**
 * What the API stores must be valid text on both engines: PostgreSQL refuses U+0000 in `text`, and
 * a lone UTF-16 surrogate cannot be encoded as UTF-8 at all (the drivers, and Twilio, silently turn
 * it into U+FFFD, so what is stored or sent is not what the caller asked for). The API refuses
 * both, naming the field; a provider's webhook, which must never be lost, has them replaced.
 */

/** A NUL, or a surrogate half without its partner (the regex works on UTF-16 code units). */
const INVALID = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INVALID_ALL = new RegExp(INVALID.source, 'g');

export const REPLACEMENT_CHARACTER = '\uFFFD';

export interface InvalidText {
  /** where it is: `body`, `ids[2]`, `objects.Contact.phoneFields[0]` */
  field: string;
  problem: string;
}

/** The first string (value or property name) in `value` holding a NUL or a lone surrogate. */
export function findInvalidText(value: unknown, path = ''): InvalidText | null {
  if (typeof value === 'string') return describe(value, path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalidText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      const keyProblem = describe(key, path);
      if (keyProblem) return { field: keyProblem.field || '(root)', problem: `a property name ${keyProblem.problem}` };
      const found = findInvalidText(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** The same value with every NUL and lone surrogate (in values and property names) replaced by U+FFFD. */
export function replaceInvalidText<T>(value: T): T {
  if (typeof value === 'string') return value.replace(INVALID_ALL, REPLACEMENT_CHARACTER) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => replaceInvalidText(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
    for (const [key, inner] of Object.entries(value)) copy[replaceInvalidText(key)] = replaceInvalidText(inner);
    return copy as T;
  }
  return value;
}

function describe(text: string, field: string): InvalidText | null {
  const match = INVALID.exec(text);
  if (!match) return null;
  if (match[0] === '\u0000') return { field, problem: 'must not contain the NUL character (U+0000)' };
  const unit = match[0].charCodeAt(0).toString(16).toUpperCase();
  return { field, problem: `holds a lone UTF-16 surrogate (U+${unit}), which is not a character` };
}
