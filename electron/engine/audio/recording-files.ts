// Where each call's recording lives: `<data dir>/recordings/<file name for the call id>.wav`, named by
// the one id → file name mapping (files/id-file-name.ts), for the writer and the reader alike.
import { readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fileForId, fileNameForId } from '../files/id-file-name.ts';
import { openOwnFile } from '../files/open-own-file.ts';

/** The path the call's recording is written to (and read from). */
export function recordingFile(recordingsDir: string, callId: string): string {
  return fileForId(recordingsDir, callId, '.wav');
}

/** Before ids were mapped, a recording was `<call id>.wav`; the console served it when the id matched this. */
const SERVED_BEFORE = /^[a-z]+-[A-Za-z0-9._-]{1,200}$/;

/**
 * The call's recording, opened for reading (never through a link), or undefined when it has none.
 * A recording made before ids were mapped (an id with an upper-case letter, say `ringover-CA12`) is
 * found under its old name, only when a file has exactly that name: on a case-insensitive file system
 * `ringover-ca12.wav` answers to `ringover-CA12.wav` too, and is another call's.
 */
export async function openRecording(recordingsDir: string, callId: string): Promise<FileHandle | undefined> {
  const own = await openIfThere(recordingFile(recordingsDir, callId));
  if (own) return own;
  const old = `${callId}.wav`;
  if (!SERVED_BEFORE.test(callId) || callId.includes('..') || fileNameForId(callId) === callId) return undefined;
  const names = await readdir(recordingsDir).catch(() => [] as string[]);
  return names.includes(old) ? openIfThere(join(recordingsDir, old)) : undefined;
}

async function openIfThere(path: string): Promise<FileHandle | undefined> {
  try {
    return await openOwnFile(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
