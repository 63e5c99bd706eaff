// What the desktop app runs on: its own engine ("Run Ringside on this computer") or a Ringside
// server it signed in to ("Connect to a Ringside server"). The choice is a small file in the
// user-data folder; the server session's bearer token is kept apart, encrypted by the OS keyring
// (a SecretVault over safeStorage), never in that file. No choice yet: the first start asks.
// Plain Node (no 'electron' import).
import { z } from 'zod';
import type { SecretVault } from '../engine/config/settings-store.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';
import type { RemoteSession } from './remote-server.ts';

const choiceSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('local') }),
  z.strictObject({
    mode: z.literal('remote'),
    /** `https://host:port` of the team listener. */
    origin: z.url({ protocol: /^https?$/ }),
    /** Who signed in (shown in Settings: "Connected to … as …"). */
    name: z.string().max(200),
  }),
]);
export type ConnectionChoice = z.infer<typeof choiceSchema>;

/** A remote choice with its token, ready to open (the token can be missing: saved without encryption, or revoked). */
export type OpenChoice = { mode: 'local' } | { mode: 'remote'; origin: string; name: string; token: string | undefined };

export interface ConnectionStore {
  /** Undefined on the first start (or after a damaged file): ask. */
  read(): OpenChoice | undefined;
  useLocal(): void;
  useRemote(session: Pick<RemoteSession, 'origin' | 'token' | 'account'>): void;
  /** Signed out or revoked: keep the server's address, drop the token (the next start asks to sign in). */
  forgetToken(): void;
}

export function connectionStore(file: string, vault: SecretVault): ConnectionStore {
  return {
    read() {
      const choice = readJsonFile(file, choiceSchema);
      if (!choice || choice.mode === 'local') return choice;
      return { ...choice, token: vault.load().token };
    },
    useLocal() {
      vault.save({});
      writeJsonFile(file, { mode: 'local' } satisfies ConnectionChoice, 0o600);
    },
    useRemote(session) {
      vault.save({ token: session.token });
      writeJsonFile(file, { mode: 'remote', origin: session.origin, name: session.account.name } satisfies ConnectionChoice, 0o600);
    },
    forgetToken() {
      vault.save({});
    },
  };
}
