import { createHash, randomBytes } from 'node:crypto';

/** API keys are 32 random bytes; only their sha256 is stored (high entropy makes a slow hash unnecessary). */
export function newApiKey(): string {
  return `scs_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
