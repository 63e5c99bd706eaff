// Structured logs: one JSON line per entry. Secrets handed to the logger never appear in its output.
import { credentialOf, MIN_SECRET_LENGTH } from '../../shared/setting-schemas.ts';
import { RepeatedLines } from './log-repeats.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /**
   * A line a peer can trigger at will (a rejected webhook, a refused connection, a dropped frame):
   * the first of its `kind` (default: `msg`) in each interval is written, the rest are counted, and
   * one line at the end of the interval gives the count (`repeated`). Shared with all children.
   */
  repeated(level: LogLevel, msg: string, fields?: LogFields, kind?: string): void;
  /** Writes the summaries still pending (all of them with `all`, e.g. when stopping). */
  flushRepeated(all?: boolean): void;
  child(fields: LogFields): Logger;
  /** Scrubs more values from now on, in this logger and all its children (a secret set at runtime). */
  addSecrets(values: Iterable<string | undefined>): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Values to scrub from every line (API keys, webhook secrets, tokens). */
  secrets?: Iterable<string | undefined>;
  write?: (line: string) => void;
  /** The clock, in ms since the epoch (tests inject one). */
  now?: () => number;
  /** How long one summary of repeated lines covers; 60 s by default. */
  repeatIntervalMs?: number;
}

interface Shared {
  secrets: Set<string>;
  repeats: RepeatedLines;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}, shared?: Shared): Logger {
  const minimum = RANK[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  const { secrets, repeats } = shared ?? { secrets: new Set<string>(), repeats: new RepeatedLines(now, options.repeatIntervalMs ?? 60_000) };
  // As long as the configuration's shortest secret: every accepted secret is scrubbed, and short
  // words ("Bearer", "true") never are. A header value's credential is scrubbed on its own too.
  const addSecrets = (values: Iterable<string | undefined>) => {
    for (const value of values) {
      for (const secret of value ? [value, credentialOf(value)] : []) if (secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
    }
  };
  if (!shared) addSecrets(options.secrets ?? []);
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));

  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[level] < minimum) return;
    let line = JSON.stringify({ time: new Date(now()).toISOString(), level, msg, ...base, ...fields }, errorReplacer);
    for (const secret of secrets) line = line.replaceAll(JSON.stringify(secret).slice(1, -1), '[redacted]');
    write(line);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    repeated(level, msg, fields, kind = msg) {
      if (RANK[level] < minimum) return;
      const seconds = repeats.intervalMs / 1000;
      const summarize = (count: number) => emit(level, `${msg}: ${count} more like it in ${seconds} s`, { kind, repeated: count });
      if (repeats.admit(`${level} ${kind}`, summarize)) emit(level, msg, fields);
    },
    flushRepeated: (all) => repeats.flush(all),
    child: (fields) => createLogger(options, { ...base, ...fields }, { secrets, repeats }),
    addSecrets,
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export const silentLogger: Logger = createLogger({ write: () => {} });
