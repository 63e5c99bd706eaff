// The kinds of value a setting takes, each with its zod schema and the messages a wrong value
// gets. Rows of the settings catalog (setting-catalog.ts) are built from these, so a port, a
// duration or a secret is checked, described and shown the same way wherever it appears.
import { z } from 'zod';

/** Characters a secret Ringside verifies needs at least: shorter ones are guessed, and would mangle logs if scrubbed. */
export const MIN_SECRET_LENGTH = 8;

export const SECRET_TOO_SHORT = `must be at least ${MIN_SECRET_LENGTH} characters: a shorter secret is easily guessed`;

/**
 * The credential of a header value written with an authentication scheme (`Bearer abc…` →
 * `abc…`, RFC 9110 §11.4); the value itself otherwise.
 */
export function credentialOf(value: string): string {
  return value.replace(/^(?:Bearer|Basic|Token|Digest)\s+/i, '');
}

/**
 * How a secret is held to account: `verified` secrets check what peers send (webhook signatures,
 * stream and console tokens) and need {@link MIN_SECRET_LENGTH} characters; a `passed-on` one is
 * only handed to another server (a local model server takes any placeholder). Both are scrubbed
 * from logs once they are that long.
 */
export type SecretRule = 'verified' | 'passed-on';

const PORT_MESSAGE = 'must be a port number from 0 to 65535 (0 picks a free port)';

/** A TCP port; `0` picks a free one. Numbers and numeric strings both work. */
export const port = () => ({
  kind: 'number' as const,
  schema: z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(0, PORT_MESSAGE).max(65535, PORT_MESSAGE),
});

/** A whole number of milliseconds from `min` to `max`, `fallback` when unset. */
export const milliseconds = (min: number, max: number, fallback: number) => ({
  kind: 'number' as const,
  schema: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(min, `must be ${min} ms or more`)
    .max(max, `must be ${max} ms or less`)
    .default(fallback),
});

/** A secret Ringside verifies peers with: at least `min` characters. */
export const verifiedSecret = (min = MIN_SECRET_LENGTH) => ({
  kind: 'secret' as const,
  secret: 'verified' as const,
  schema: z.string().min(min, min === MIN_SECRET_LENGTH ? SECRET_TOO_SHORT : `must be at least ${min} characters`).optional(),
});

/** A whole header value (`Bearer …`): with a scheme, the credential after it is the verified secret. */
export const verifiedHeaderValue = () => ({
  kind: 'secret' as const,
  secret: 'verified' as const,
  schema: z
    .string()
    .refine((value) => credentialOf(value).length >= MIN_SECRET_LENGTH, `${SECRET_TOO_SHORT} (after "Bearer " when there is one)`)
    .optional(),
});

/** A key Ringside only passes on to another server, which decides what it accepts. */
export const passedOnSecret = () => ({ kind: 'secret' as const, secret: 'passed-on' as const, schema: z.string().min(1).optional() });

/** The URL of an OpenAI-compatible server. */
export const modelUrl = () => ({ kind: 'url' as const, schema: z.url({ error: 'must be a URL like http://localhost:8080/v1' }).optional() });

const oneOf = (values: readonly string[]) => `must be ${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;

/** One of a few words, `fallback` when unset. */
export const choice = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) => ({
  kind: 'select' as const,
  options: values,
  schema: z.enum(values, { error: oneOf(values) }).default(fallback),
});

/** One of a few words, or unset (the engine then decides from other settings). */
export const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) => ({
  kind: 'select' as const,
  options: values,
  schema: z.enum(values, { error: oneOf(values) }).optional(),
});

/** A model's name or a voice, `fallback` when unset. */
export const name = (fallback: string) => ({ kind: 'text' as const, schema: z.string().min(1).default(fallback) });
