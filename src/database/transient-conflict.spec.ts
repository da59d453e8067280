import { QueryFailedError } from 'typeorm';
import { isTransientConflict } from './transient-conflict';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('isTransientConflict', () => {
  it('is a deadlock or a serialization failure, from the driver or through TypeORM', () => {
    expect(isTransientConflict(pgError('40P01'))).toBe(true);
    expect(isTransientConflict(pgError('40001'))).toBe(true);
    expect(isTransientConflict(new QueryFailedError('INSERT …', [], pgError('40P01')))).toBe(true);
  });

  it('is not a unique violation, another database error or no error at all', () => {
    expect(isTransientConflict(pgError('23505'))).toBe(false);
    expect(isTransientConflict(pgError('57P01'))).toBe(false);
    expect(isTransientConflict(new Error('SQLITE_BUSY'))).toBe(false);
    expect(isTransientConflict(undefined)).toBe(false);
  });
});
