// Structured logs: one JSON line per entry. Secrets handed to the logger never appear in its output.
import { credentialOf, MIN_SECRET_LENGTH } from './config/secret-rules.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
  /** Scrubs more values from now on, in this logger and all its children (a secret set at runtime). */
  addSecrets(values: Iterable<string | undefined>): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Values to scrub from every line (API keys, webhook secrets, tokens). */
  secrets?: Iterable<string | undefined>;
  write?: (line: string) => void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}, shared?: Set<string>): Logger {
  const minimum = RANK[options.level ?? 'info'];
  const secrets = shared ?? new Set<string>();
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
    let line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields }, errorReplacer);
    for (const secret of secrets) line = line.replaceAll(JSON.stringify(secret).slice(1, -1), '[redacted]');
    write(line);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(options, { ...base, ...fields }, secrets),
    addSecrets,
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export const silentLogger: Logger = createLogger({ write: () => {} });
