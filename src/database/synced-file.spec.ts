import { fstatSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openSyncedFile } from './synced-file';

const isOpen = (fd: number) => {
  try {
    fstatSync(fd);
    return true;
  } catch {
    return false;
  }
};

describe('openSyncedFile', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'scs-')), 'db.sqlite');
  writeFileSync(path, '');

  it('shares one descriptor per file, however the path is spelled, and closes it only after the last release', () => {
    const first = openSyncedFile(path);
    const second = openSyncedFile(relative(process.cwd(), path));
    expect(second.fd).toBe(first.fd);

    first.release();
    first.release(); // a second release of the same holder counts once
    expect(isOpen(second.fd)).toBe(true);

    second.release();
    expect(isOpen(first.fd)).toBe(false);
  });

  it('opens a new descriptor once the previous one was closed', () => {
    const earlier = openSyncedFile(path);
    earlier.release();
    const later = openSyncedFile(path);
    expect(isOpen(later.fd)).toBe(true);
    later.release();
  });
});
