// Secrets saved from Settings, encrypted with the OS keyring through safeStorage (Keychain on
// macOS, DPAPI on Windows, libsecret/kwallet on Linux). Never written in plain text: without
// encryption they are kept for the run only. The file holds ciphertext, one entry per setting.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../engine/log.ts';
import { memoryVault, type SecretVault } from '../engine/config/settings-store.ts';
import { writeJsonFile } from './json-file.ts';

/** The parts of Electron's safeStorage used here (tests pass a stand-in). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring backs the encryption. */
  getSelectedStorageBackend?(): string;
}

const fileSchema = z.record(z.string(), z.base64());

export const BASIC_TEXT_WARNING =
  'No desktop keyring was found (Electron fell back to "basic_text"): saved secrets are only obfuscated on disk. Install and unlock a keyring (GNOME Keyring or KWallet), or set secrets as environment variables instead.';
export const NO_ENCRYPTION_WARNING =
  'This system offers no encryption for saved secrets, so Ringside keeps them until it quits: set them as environment variables to keep them.';

export function safeStorageVault(file: string, safeStorage: SafeStorageLike, platform: NodeJS.Platform, logger: Logger): SecretVault {
  if (!safeStorage.isEncryptionAvailable()) {
    logger.warn('secrets are kept for this run only: no OS encryption available');
    return { ...memoryVault(), warning: NO_ENCRYPTION_WARNING };
  }
  const weak = platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  return {
    persistent: true,
    ...(weak && { warning: BASIC_TEXT_WARNING }),
    load() {
      if (!existsSync(file)) return {};
      let stored: Record<string, string>;
      try {
        stored = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        logger.error('the saved secrets file is unreadable: enter the secrets again in Settings', { file });
        return {};
      }
      const secrets: Record<string, string> = {};
      for (const [key, value] of Object.entries(stored)) {
        try {
          secrets[key] = safeStorage.decryptString(Buffer.from(value, 'base64'));
        } catch {
          logger.error('a saved secret could not be decrypted (another user or machine?): enter it again in Settings', { setting: key });
        }
      }
      return secrets;
    },
    save(secrets) {
      const stored = Object.fromEntries(Object.entries(secrets).map(([key, value]) => [key, safeStorage.encryptString(value).toString('base64')]));
      writeJsonFile(file, stored, 0o600);
    },
  };
}
