import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/engine/log.ts';
import { BASIC_TEXT_WARNING, NO_ENCRYPTION_WARNING, safeStorageVault, type SafeStorageLike } from '../../../electron/main/secrets.ts';

/** A reversible stand-in for the OS keyring's encryption (XOR with a key the file never holds). */
function keyring(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const key = 0x5a;
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ key));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.concat([Buffer.from('v11'), xor(Buffer.from(plain))]),
    decryptString: (data) => {
      if (data.subarray(0, 3).toString() !== 'v11') throw new Error('not ours');
      return xor(data.subarray(3)).toString();
    },
    getSelectedStorageBackend: () => backend,
  };
}

const quiet = () => {
  const lines: string[] = [];
  return { logger: createLogger({ write: (l) => lines.push(l) }), lines };
};
const fileIn = () => join(mkdtempSync(join(tmpdir(), 'vault-')), 'secrets.json');

describe('the desktop secret vault', () => {
  it('keeps secrets across restarts, never in plain text', () => {
    const file = fileIn();
    const secret = 'sk-live-very-secret-value';
    safeStorageVault(file, keyring(), 'darwin', quiet().logger).save({ openaiApiKey: secret, ringyoWebhookSecret: 'whsec_123456' });
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(secret);
    expect(onDisk).not.toContain('whsec_123456');
    const again = safeStorageVault(file, keyring(), 'darwin', quiet().logger);
    expect(again.persistent).toBe(true);
    expect(again.warning).toBeUndefined();
    expect(again.load()).toEqual({ openaiApiKey: secret, ringyoWebhookSecret: 'whsec_123456' });
  });

  it('warns on Linux’s basic_text backend', () => {
    const vault = safeStorageVault(fileIn(), keyring('basic_text'), 'linux', quiet().logger);
    expect(vault.persistent).toBe(true);
    expect(vault.warning).toBe(BASIC_TEXT_WARNING);
    expect(safeStorageVault(fileIn(), keyring('kwallet5'), 'linux', quiet().logger).warning).toBeUndefined();
  });

  it('keeps secrets for the run only when the OS offers no encryption, and says so', () => {
    const file = fileIn();
    const vault = safeStorageVault(file, keyring('basic_text', false), 'linux', quiet().logger);
    vault.save({ openaiApiKey: 'sk-abcdef' });
    expect(vault.persistent).toBe(false);
    expect(vault.warning).toBe(NO_ENCRYPTION_WARNING);
    expect(vault.load()).toEqual({ openaiApiKey: 'sk-abcdef' });
    expect(() => readFileSync(file)).toThrow();
  });

  it('loses nothing readable on a damaged file or an entry from another machine, and logs which', () => {
    const file = fileIn();
    const { logger, lines } = quiet();
    writeFileSync(file, JSON.stringify({ openaiApiKey: Buffer.from('garbage').toString('base64'), ringyoWebhookSecret: keyring().encryptString('kept-secret').toString('base64') }));
    expect(safeStorageVault(file, keyring(), 'win32', logger).load()).toEqual({ ringyoWebhookSecret: 'kept-secret' });
    expect(lines.join('\n')).toContain('"setting":"openaiApiKey"');
    writeFileSync(file, '{ not json');
    expect(safeStorageVault(file, keyring(), 'win32', logger).load()).toEqual({});
    expect(lines.join('\n')).toContain('enter the secrets again');
  });
});
