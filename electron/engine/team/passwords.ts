// Password hashing with Argon2id through @node-rs/argon2: a prebuilt N-API binary per platform
// (installed from the npm registry as an optional dependency, no install script, no rebuild for
// Electron), with OWASP's recommended Argon2id parameters by default (19 MiB, 2 passes, 1 lane).
// The hash string (PHC format) carries its own parameters, so raising them later keeps old hashes valid.
import { hash, verify } from '@node-rs/argon2';

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password or a malformed hash (never throws). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the account does not exist, so that a wrong
 * name costs as long as a wrong password (no way to tell which names exist by timing).
 */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(crypto.randomUUID()));
