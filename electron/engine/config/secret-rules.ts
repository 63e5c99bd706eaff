// What makes a secret acceptable, in one place: the configuration refuses shorter ones, and the
// logger scrubs every value this long, so no accepted secret can ever reach a log line.

/** Characters a secret needs at least: shorter ones are guessed, and would mangle logs if scrubbed. */
export const MIN_SECRET_LENGTH = 8;

export const SECRET_TOO_SHORT = `must be at least ${MIN_SECRET_LENGTH} characters: a shorter secret is easily guessed`;

/**
 * The credential of a header value written with an authentication scheme (`Bearer abc…` →
 * `abc…`, RFC 9110 §11.4); the value itself otherwise.
 */
export function credentialOf(value: string): string {
  return value.replace(/^(?:Bearer|Basic|Token|Digest)\s+/i, '');
}
