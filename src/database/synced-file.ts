import { closeSync, openSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';

/**
 * Descriptors of database files the checkpointers sync (sql-drivers.ts), one per file and process,
 * shared by every data source on it. Closing any descriptor of a file drops every POSIX lock this
 * process holds on it, SQLite's included, so one is closed only once every holder released it.
 */
const files = new Map<string, { fd: number; users: number }>();

export function openSyncedFile(path: string): { fd: number; release: () => void } {
  const key = resolvePath(path);
  let file = files.get(key);
  if (!file) {
    file = { fd: openSync(key, 'r+'), users: 0 };
    files.set(key, file);
  }
  file.users++;
  const held = file;
  let released = false;
  return {
    fd: held.fd,
    release: () => {
      if (released) return;
      released = true;
      if (--held.users === 0) {
        files.delete(key);
        closeSync(held.fd);
      }
    },
  };
}
