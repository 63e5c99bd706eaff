// The data folder holds every call's transcript, recordings and the team's accounts: readable by
// this user only. The folder is 0700 and the SQLite stores 0600; SQLite creates a store's -wal and
// -shm files with the store's own mode, so creating the store file first is enough for those.
// Windows has no such modes (the user's profile folder is private already): nothing is done there.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

const POSIX = process.platform !== 'win32';

/** Files whose presence says a folder is a Ringside data folder, not one the user keeps other things in. */
const STORE_FILES = ['ringside.db', 'team.db'];

/**
 * Makes `dir` (recursively) readable by this user only. An existing folder is tightened only when
 * it is this user's and Ringside's (empty, or holding its store): a folder shared on purpose, or a
 * home folder given as --data-dir, is left as it is. Returns what was done, for the one log line.
 */
export function ensurePrivateDir(dir: string): 'created' | 'tightened' | 'kept' {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (POSIX) chmodSync(dir, 0o700); // an odd umask (0277) may have taken the owner's own bits off
    return 'created';
  }
  if (!POSIX) return 'kept';
  const stat = statSync(dir);
  if ((stat.mode & 0o077) === 0 || stat.uid !== process.getuid?.()) return 'kept';
  const names = readdirSync(dir);
  if (names.length > 0 && !names.some((name) => STORE_FILES.includes(name))) return 'kept';
  chmodSync(dir, 0o700);
  return 'tightened';
}

/**
 * Gets a SQLite store's file ready to open: its folder private (see ensurePrivateDir), the file
 * created 0600 when missing (SQLite takes an empty file as a new database), and an existing one,
 * with its -wal and -shm, tightened to 0600.
 */
export function preparePrivateDatabase(file: string): void {
  if (file === ':memory:') return;
  const dir = dirname(file);
  if (!existsSync(dir)) ensurePrivateDir(dir);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  if (!POSIX) return;
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
