// Opening the engine's own files without following a link out of their folder: a symbolic link, a
// hard link, a FIFO or a device where a recording should be is refused, never opened through.
import { constants } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';

/** O_NOFOLLOW where the platform has it (not Windows, where the lstat below does the same job). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** A file by that name is there, but it is not one the engine may open (what it is instead). */
export class NotOwnFileError extends Error {
  readonly code = 'ENOTOWN';
  constructor(path: string, what: string) {
    super(`there is ${what} at ${path}: Ringside leaves it as it is (move it away to let Ringside use the name)`);
    this.name = 'NotOwnFileError';
  }
}

/**
 * Creates `path` for reading and writing, failing with EEXIST when anything is already there (a
 * file, or a link, dangling or not: O_EXCL never follows one). Readable by the owner only.
 */
export function createNewFile(path: string): Promise<FileHandle> {
  return open(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW, 0o600);
}

/**
 * Opens an existing regular file (`'r'` or `'r+'`), refusing with NotOwnFileError a symbolic link,
 * anything that is not a regular file, and for writing a file with other hard links; ENOENT when
 * there is nothing. The checks are made before opening (a FIFO would block) and again on the open
 * file, so a swap in between is caught.
 */
export async function openOwnFile(path: string, mode: 'r' | 'r+'): Promise<FileHandle> {
  const before = await lstat(path);
  if (before.isSymbolicLink()) throw new NotOwnFileError(path, 'a symbolic link');
  if (!before.isFile()) throw new NotOwnFileError(path, 'something other than a regular file');
  const handle = await open(path, (mode === 'r' ? constants.O_RDONLY : constants.O_RDWR) | NO_FOLLOW).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ELOOP' ? new NotOwnFileError(path, 'a symbolic link') : error;
  });
  try {
    const after = await handle.stat();
    if (!after.isFile() || after.ino !== before.ino || after.dev !== before.dev) throw new NotOwnFileError(path, 'a file that changed while it was opened');
    if (mode === 'r+' && after.nlink !== 1) throw new NotOwnFileError(path, 'a file with other hard links');
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
