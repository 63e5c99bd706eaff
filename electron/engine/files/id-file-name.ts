// The one mapping from an id (a call id: whatever a provider or a media server sent) to a file name.
// Every file the engine writes or serves under an id is named by it, so no id can climb out of its
// folder, collide with another id's file, or be a name some file system refuses.
import { createHash } from 'node:crypto';
import { join, relative, resolve } from 'node:path';

/** Ids that are their own file name: lowercase letters and digits, in runs joined by one `.`, `_` or `-`. */
const PLAIN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const PLAIN_MAX = 120;
const SLUG_MAX = 48;
/** Device names Windows reserves whatever the extension (`con.wav` too) and the case. */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)/;

/**
 * The file name (without extension) for `id`, any string at all (even one that is not well-formed
 * Unicode):
 * - a plain id (`ringover-123`: lowercase ASCII letters and digits joined by single `.` `_` `-`, at
 *   most 120 characters, not a Windows device name) is its own name, so existing recordings keep theirs;
 * - any other id is a readable slug of it, `--`, and 32 hex digits of the SHA-256 of its exact UTF-16
 *   code units (`Ringover-A/../b` → `ringover-a-b--3f…`), at most 82 characters.
 *
 * The result uses only `a-z 0-9 . _ -`, starts and ends with a letter or digit, and never contains
 * `..`, so it is a valid name on Windows, macOS and Linux. It is injective, also on case-insensitive
 * and normalizing file systems: names are lowercase ASCII, plain names never contain `--`, and any id
 * with an upper-case letter (or anything else that is not plain) is told apart by its hash (128 bits).
 */
export function fileNameForId(id: string): string {
  if (id.length <= PLAIN_MAX && PLAIN.test(id) && !WINDOWS_RESERVED.test(id)) return id;
  // Only the start makes the slug (it is for reading); the hash covers the whole id.
  const slug = id.slice(0, SLUG_MAX * 2).toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, SLUG_MAX).replace(/^-+|-+$/g, '');
  return `${slug || 'id'}--${hashOf(id)}`;
}

/** 128 bits of SHA-256 over the id's UTF-16 code units (UTF-8 would merge every lone surrogate into U+FFFD). */
function hashOf(id: string): string {
  return createHash('sha256').update(Buffer.from(id, 'utf16le')).digest('hex').slice(0, 32);
}

/**
 * The path of the file for `id` in `folder`, e.g. `fileForId(recordings, 'ringover-123', '.wav')`.
 * Checked again after joining (defence in depth): the result is exactly one level inside `folder`.
 * Throws when `extension` is not a plain `.ext`.
 */
export function fileForId(folder: string, id: string, extension: string): string {
  if (!/^\.[a-z0-9]{1,8}$/.test(extension)) throw new Error(`not a file extension: ${JSON.stringify(extension)}`);
  const name = fileNameForId(id) + extension;
  const path = join(folder, name);
  if (relative(resolve(folder), resolve(path)) !== name) throw new Error(`the file for id ${JSON.stringify(id.slice(0, 64))} would leave ${folder}`);
  return path;
}
