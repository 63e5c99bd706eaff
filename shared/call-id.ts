// The one check of a call id a peer sends (a provider's webhook, a media server's URL or start frame).
// Ids are kept exactly as sent, so this only refuses what no provider sends and what cannot be kept
// or found again exactly: everything else (`/`, `\`, `..`, `%`, spaces, any letter) is stored as sent
// and named on disk through files/id-file-name.ts.

/** The longest id accepted, in characters (code points). Providers' ids are far shorter (Twilio: 34). */
export const MAX_CALL_ID_CHARS = 256;

/** C0 and C1 controls, line and paragraph separators, and the bidirectional overrides and isolates. */
const CONTROL = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `id` cannot be a call id, in a few words (it fits a WebSocket close reason), or undefined when
 * it can. Refused: more than 256 characters; not well-formed Unicode (a lone surrogate, which UTF-8,
 * SQLite and the console's URLs cannot carry, so the call could not be found again under its id);
 * U+FFFD (what a lossy decoder leaves for bytes it could not read: another id was meant); control
 * characters, line separators and bidirectional controls (no provider sends them; they rewrite logs
 * and how the id reads).
 */
export function callIdProblem(id: string): string | undefined {
  // Code units first: a 10 MB id is refused without walking it.
  if (id.length > MAX_CALL_ID_CHARS * 2 || [...id].length > MAX_CALL_ID_CHARS) return `longer than ${MAX_CALL_ID_CHARS} characters`;
  if (!id.isWellFormed()) {
    const lone = [...id].find((char) => !char.isWellFormed())!;
    return `not well-formed Unicode (lone surrogate ${codePoint(lone)})`;
  }
  if (id.includes('\uFFFD')) return 'has U+FFFD, left by text that could not be decoded';
  const control = CONTROL.exec(id);
  if (control) return `has a control character (${codePoint(control[0])})`;
  return undefined;
}
