// A setting's problem (the catalog's English message, `must be …`) in the system's language. Keys
// go by the kind of problem (a port, a length, a URL like an example, one of a few words), not by
// setting; a message of a kind not listed here stays as the catalog words it.
import { say } from '../words.ts';

/** Each kind: the catalog's message as a pattern, its key under `cli.config.problem`, its values. */
const KINDS: ReadonlyArray<{ pattern: RegExp; key: string; values?: (m: RegExpExecArray) => Record<string, string> }> = [
  { pattern: /^must be a port number from 0 to 65535 \(0 picks a free port\)$/, key: 'port' },
  { pattern: /^must be at least (\d+) characters: a shorter secret is easily guessed$/, key: 'secretTooShort', values: (m) => ({ min: m[1]! }) },
  { pattern: /^must be at least (\d+) characters$/, key: 'minLength', values: (m) => ({ min: m[1]! }) },
  { pattern: /^must be at most (\d+) characters$/, key: 'maxLength', values: (m) => ({ max: m[1]! }) },
  { pattern: /^must be an HTTP header name$/, key: 'headerName' },
  { pattern: /^must be a URL like (\S+)$/, key: 'urlLike', values: (m) => ({ example: m[1]! }) },
  { pattern: /^must be an http\(s\) URL like (\S+)$/, key: 'httpUrlLike', values: (m) => ({ example: m[1]! }) },
  { pattern: /^must be a date like (\S+)$/, key: 'dateLike', values: (m) => ({ example: m[1]! }) },
  { pattern: /^must be a domain name like (\S+)$/, key: 'domainLike', values: (m) => ({ example: m[1]! }) },
  { pattern: /^must be a number of milliseconds$/, key: 'milliseconds' },
  { pattern: /^must be a whole number of milliseconds$/, key: 'wholeMilliseconds' },
  { pattern: /^must be (\d+) ms or more$/, key: 'msOrMore', values: (m) => ({ min: m[1]! }) },
  { pattern: /^must be (\d+) ms or less$/, key: 'msOrLess', values: (m) => ({ max: m[1]! }) },
  { pattern: /^must be a whole number$/, key: 'wholeNumber' },
  { pattern: /^must be (\d+) or less$/, key: 'orLess', values: (m) => ({ max: m[1]! }) },
  { pattern: /^must be ([\w-]+(?:, [\w-]+)*) or ([\w-]+)$/, key: 'oneOf', values: (m) => ({ list: m[1]!, last: m[2]! }) },
];

/** `message` in the system's language when its kind is known; else as the catalog says it. */
export function problemWords(message: string): string {
  for (const { pattern, key, values } of KINDS) {
    const match = pattern.exec(message);
    if (match) return say(`cli.config.problem.${key}` as never, values?.(match) ?? {});
  }
  return message;
}
