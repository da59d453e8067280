import { driverErrorOf } from './unique-violation';

/**
 * PostgreSQL gave up on the transaction because of another one, not because of its data: a
 * deadlock (40P01: two writers each waiting on a row the other took, e.g. the same MessageSid
 * delivered twice at once into two batches) or a serialization failure (40001). Running the same
 * work again in a new transaction succeeds or meets the other's committed rows.
 */
export function isTransientConflict(error: unknown): boolean {
  const code = driverErrorOf(error)?.code;
  return code === '40P01' || code === '40001';
}
