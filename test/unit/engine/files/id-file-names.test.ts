// The one mapping from ids to file names: injective (also where case or Unicode normalization do not
// tell names apart), safe on Windows, macOS and Linux, bounded, and stable for the plain ids that
// named recordings before it existed.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileForId, fileNameForId } from '../../../../electron/engine/files/id-file-name.ts';

/** What one file name may look like here: `a-z 0-9` runs joined by `.`, `_`, `-` or (before the hash) `--`. */
const SAFE_NAME = /^[a-z0-9]+(?:(?:[._-]|--)[a-z0-9]+)*$/;
const WINDOWS_DEVICES = new Set(['con', 'prn', 'aux', 'nul', ...[...'0123456789'].flatMap((d) => [`com${d}`, `lpt${d}`])]);

/** Every upper/lower-case spelling of `text`. */
function caseVariants(text: string): string[] {
  let out = [''];
  for (const char of text) out = out.flatMap((prefix) => [...new Set([prefix + char.toLowerCase(), prefix + char.toUpperCase()])]);
  return out;
}

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRICKY = ['a', 'B', '1', '.', '..', '/', '\\', ' ', '%', '%2F', ':', '*', '?', '"', '<', '>', '|', '-', '--', '_', '~', '\u0000', '\u001b', '\u007f', 'é', 'e\u0301', 'İ', 'K', 'ß', '\ud800', '\udc00', '\ufffd', '😀', '\u202e', 'CON', 'nul'];

function generatedIds(): string[] {
  const next = random(13);
  const ids = new Set<string>([
    'ringover-123',
    'ringover-1234567890987654400',
    'ringotel-abc_def.1',
    ...caseVariants('ringover-abc'),
    ...caseVariants('con'),
    ...caseVariants('nul.wav'),
    'com1', 'lpt9', 'aux', 'prn', 'com1.x', 'ringover-con',
    '.', '..', '...', '', ' ', 'a.', 'a ', ' a', '.a', 'a..b', 'a/b', 'a\\b', 'a b', 'a%2Fb', 'a-b', 'a_b', 'a.b', 'a--b', 'a-', '-a',
    'x/../../../pwned', 'y/../../../../tmp/x', 'ringover-x/../../../pwned', 'ringover-y/../../../../tmp/x',
    'ringover-\u00e9', 'ringover-e\u0301', // the same on a normalizing file system (macOS)
    'ringover-\ud800', 'ringover-\ud801', 'ringover-\ufffd', // the same once encoded as UTF-8 (lossily)
    'a'.repeat(120), 'a'.repeat(121), 'a'.repeat(10_000), 'a'.repeat(10_000) + 'b',
    `${'A'.repeat(60)}-x`, `${'A'.repeat(60)}-y`, // share their slug
  ]);
  // An id spelled like another id's hashed name is not plain (it has `--`), so it is hashed in turn.
  for (const id of ['Ringover-ABC', 'a/b', 'con']) ids.add(fileNameForId(id));
  while (ids.size < 5000) {
    let id = '';
    const length = 1 + Math.floor(next() * 8);
    for (let i = 0; i < length; i++) id += TRICKY[Math.floor(next() * TRICKY.length)];
    ids.add(next() < 0.5 ? `ringover-${id}` : id);
  }
  return [...ids];
}

describe('fileNameForId', () => {
  const ids = generatedIds();
  const names = ids.map(fileNameForId);

  it('never gives two ids the same file, even where case and Unicode normalization do not count', () => {
    const seen = new Map<string, string>();
    ids.forEach((id, i) => {
      const key = names[i]!.normalize('NFC').toLowerCase();
      expect(seen.get(key), `${JSON.stringify(id)} and ${JSON.stringify(seen.get(key))} share ${key}`).toBeUndefined();
      seen.set(key, id);
    });
    expect(seen.size).toBe(ids.length);
  });

  it('names only with safe characters, bounded, never a device name or a trailing dot or space', () => {
    for (const name of names) {
      expect(name).toMatch(SAFE_NAME);
      expect(name.length).toBeLessThanOrEqual(120);
      expect(name).not.toContain('..');
      expect(WINDOWS_DEVICES.has(name.split('.')[0]!)).toBe(false);
    }
  });

  it('keeps plain ids as they are, so existing recordings keep their names', () => {
    for (const id of ['ringover-123', 'ringover-1234567890987654400', 'ringotel-abc_def.1', 'ringg-call-42', 'a'.repeat(120)]) {
      expect(fileNameForId(id)).toBe(id);
    }
  });

  it('gives any other id a readable slug and a hash of the exact id', () => {
    expect(fileNameForId('ringover-x/../../../pwned')).toMatch(/^ringover-x-pwned--[0-9a-f]{32}$/);
    expect(fileNameForId('ringover-CA12')).toMatch(/^ringover-ca12--[0-9a-f]{32}$/);
    expect(fileNameForId('CON')).toMatch(/^con--[0-9a-f]{32}$/);
    expect(fileNameForId('con')).toMatch(/^con--[0-9a-f]{32}$/);
    expect(fileNameForId('nul.wav')).toMatch(/^nul-wav--[0-9a-f]{32}$/);
    expect(fileNameForId('\ud800')).toMatch(/^id--[0-9a-f]{32}$/);
    expect(fileNameForId('ringover-\ud800')).not.toBe(fileNameForId('ringover-\ufffd'));
  });
});

describe('fileForId', () => {
  it('is always exactly one level inside its folder', () => {
    const folder = resolve('recordings');
    for (const id of generatedIds().slice(0, 500)) {
      const path = fileForId(folder, id, '.wav');
      expect(path).toBe(join(folder, `${fileNameForId(id)}.wav`));
    }
  });

  it('refuses an extension that is not a plain one', () => {
    expect(() => fileForId('recordings', 'ringover-1', '/../x')).toThrow(/not a file extension/);
    expect(() => fileForId('recordings', 'ringover-1', 'wav')).toThrow(/not a file extension/);
  });
});
