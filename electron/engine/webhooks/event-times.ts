// Every time and duration a provider sends goes through here. Providers write times as epoch
// seconds (Ringover: with a fraction), milliseconds (Ringotel), micro- or nanoseconds, or ISO 8601
// / RFC 3339 text (Ringyo, Ringg). Epoch numbers are told apart by their size, and computed on their
// decimal digits (a nanosecond time is past 2^53, and often arrives as a string), so no unit
// loses a millisecond and none can throw. What cannot be read is noted on the event, never fatal.

/** A time as read: the ISO string (UTC, ms), or why it is not one. */
export type TimeReading = { iso: string; note?: string } | { problem: string };

// An epoch number's unit, by the digits of its integer part: seconds until the year 5138, then
// milliseconds, microseconds and nanoseconds over the same span of years.
const UNITS: { maxDigits: number; name: string; toMsShift: number }[] = [
  { maxDigits: 11, name: 'seconds', toMsShift: 3 },
  { maxDigits: 14, name: 'milliseconds', toMsShift: 0 },
  { maxDigits: 17, name: 'microseconds', toMsShift: -3 },
  { maxDigits: 20, name: 'nanoseconds', toMsShift: -6 },
];

const DECIMAL = /^\d+(?:\.\d+)?$/;
const EXPONENT = /^\d+(?:\.\d+)?[eE][+-]?\d+$/;
// RFC 3339 / ISO 8601: a date, optionally a time (`T` or a space) with seconds and a fraction,
// optionally a zone. Read by hand: `Date.parse` reads a zone-less time in the machine's zone.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
// Other text is read by `Date.parse` only when it names its zone (RFC 2822, `… GMT`).
const NAMED_ZONE = /\b(?:GMT|UTC)\b|[+-]\d{4}\b/;

/**
 * Reads one time: epoch seconds (with a fraction), milliseconds, microseconds or nanoseconds, as a
 * JSON number or a string of digits, or ISO 8601 / RFC 3339 text (a zone-less one is read as UTC,
 * and says so in `note`). Returns undefined when there is no value (absent, null, empty), and a
 * `problem` for anything else that is not a time after 1970 and before the year 5138.
 * Never throws. E.g. `1709633700.25`, `1709633700250`, `"1709633700250000000"` and
 * `"2024-03-05T10:15:00.250Z"` all read as `2024-03-05T10:15:00.250Z`.
 */
export function readTime(value: unknown): TimeReading | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return fromDecimal(numberText(value));
  if (typeof value !== 'string') return { problem: `a ${Array.isArray(value) ? 'list' : typeof value}, not a time` };
  const text = value.trim();
  if (!text) return undefined;
  if (DECIMAL.test(text)) return fromDecimal(text);
  if (EXPONENT.test(text)) return fromDecimal(numberText(Number(text)));
  return fromText(text);
}

/** A finite number's plain decimal digits; undefined for what has none (negative, huge, tiny). */
function numberText(n: number): string | undefined {
  const text = String(n);
  return Number.isFinite(n) && n > 0 && DECIMAL.test(text) ? text : undefined;
}

/** Epoch digits to a time, the unit told by the integer part's length; truncated to the millisecond. */
function fromDecimal(text: string | undefined): TimeReading {
  if (text === undefined) return { problem: 'not a positive epoch time' };
  const [whole = '', fraction = ''] = text.split('.');
  const integer = whole.replace(/^0+/, '');
  if (!integer) return { problem: 'not a positive epoch time' };
  const unit = UNITS.find((u) => integer.length <= u.maxDigits);
  if (!unit) return { problem: 'too large for an epoch time in seconds, ms, µs or ns' };
  // The digits of the value in milliseconds: move the decimal point, keep what is left of it.
  const point = integer.length + unit.toMsShift;
  const ms = point <= 0 ? 0 : Number((integer + fraction).slice(0, point).padEnd(point, '0'));
  return ms > 0 ? { iso: new Date(ms).toISOString() } : { problem: 'before 1970' };
}

function fromText(text: string): TimeReading {
  const m = ISO.exec(text);
  if (!m) {
    const ms = NAMED_ZONE.test(text) ? Date.parse(text) : NaN;
    return Number.isFinite(ms) && ms > 0 ? { iso: new Date(ms).toISOString() } : { problem: 'not an ISO 8601 date' };
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const local = Date.UTC(...fields, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const check = new Date(local);
  // Date.UTC rolls 2024-02-30 over into March: a date that does not round-trip does not exist.
  if (check.getUTCFullYear() !== fields[0] || check.getUTCMonth() !== fields[1] || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 60) {
    return { problem: 'not a calendar date and time' };
  }
  if (!zone) return { iso: check.toISOString(), note: 'no time zone: read as UTC' };
  if (zone === 'Z' || zone === 'z') return { iso: check.toISOString() };
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return { iso: new Date(local - sign * offsetMinutes * 60_000).toISOString() };
}

const DURATION_CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.\d+)?$/;
const DURATION_UNITS = /^(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)\s*s(?:ec)?)?$/i;

/**
 * Reads a length of time in seconds: a number, a string of digits, `"30s"`, `"1m30s"`, `"1h2m"`
 * or a clock `"01:02:03"` / `"02:03"`. Undefined when absent; a `problem` for anything else.
 */
export function readSeconds(value: unknown): { seconds: number } | { problem: string } | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? { seconds: value } : { problem: 'not a length of time' };
  if (typeof value !== 'string') return { problem: 'not a length of time' };
  const text = value.trim();
  if (!text) return undefined;
  if (DECIMAL.test(text)) return { seconds: Number(text) };
  const clock = DURATION_CLOCK.exec(text);
  if (clock) return { seconds: Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]) };
  const units = DURATION_UNITS.exec(text);
  if (units && (units[1] || units[2] || units[3])) {
    return { seconds: Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0) };
  }
  return { problem: 'not a length of time' };
}

/** A peer's value as it may appear in a note: JSON, cut short. */
const shown = (value: unknown): string => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
};

/**
 * Reads the times and durations of one delivery and keeps a note of each one it could not read
 * (`notes`, stored on the event), so a provider's odd time never fails a delivery.
 */
export class TimeReader {
  readonly notes: string[] = [];
  private readonly now: () => Date;
  /** Each field read so far: a field read twice is noted once. */
  private readonly readings = new Map<string, TimeReading | undefined>();

  constructor(now: () => Date = () => new Date()) {
    this.now = now;
  }

  private reading(field: string, value: unknown): TimeReading | undefined {
    if (this.readings.has(field)) return this.readings.get(field);
    const reading = readTime(value);
    this.readings.set(field, reading);
    if (reading && 'problem' in reading) this.notes.push(`${field} ${shown(value)} is not a time (${reading.problem}): ignored`);
    else if (reading?.note) this.notes.push(`${field} ${shown(value)}: ${reading.note}`);
    return reading;
  }

  /** The time in `value` (the field `field`), or undefined when it is absent or unreadable (noted). */
  time(field: string, value: unknown): string | undefined {
    const reading = this.reading(field, value);
    return reading && 'iso' in reading ? reading.iso : undefined;
  }

  /**
   * When the event happened: the first readable of `fields` (`[name, value]`, in order of
   * preference), else the first of `known` (times already read), else the time it was received,
   * with a note when one of `fields` was there but could not be read.
   */
  eventTime(fields: [string, unknown][], ...known: (string | undefined)[]): string {
    let unreadable = false;
    for (const [field, value] of fields) {
      const reading = this.reading(field, value);
      if (reading && 'iso' in reading) return reading.iso;
      if (reading) unreadable = true;
    }
    const fallback = known.find((iso) => iso !== undefined);
    if (fallback) return fallback;
    if (unreadable) this.notes.push('the event is dated when it was received');
    return this.now().toISOString();
  }

  /** A length of time in seconds (the field `field`), or undefined when absent or unreadable (noted). */
  seconds(field: string, value: unknown): number | undefined {
    const reading = readSeconds(value);
    if (!reading) return undefined;
    if ('problem' in reading) {
      this.notes.push(`${field} ${shown(value)} is ${reading.problem}: ignored`);
      return undefined;
    }
    return reading.seconds;
  }
}
