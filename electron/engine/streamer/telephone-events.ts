// Key presses carried in RTP as telephone events (RFC 4733, which obsoletes RFC 2833). A press is
// sent as several packets with the same RTP timestamp (the event's start) and a growing duration;
// its end is sent three times with the E bit. Ringside reports each press once, when its first
// packet arrives: packets whose start was already seen (updates, retransmitted ends) are not new.

/** One event report of a telephone-event payload (RFC 4733 §2.3), 4 bytes. */
export interface ToneEvent {
  /** 0–9, 10 `*`, 11 `#`, 12–15 A–D (§3.2); 16 is flash, higher codes other tones. */
  code: number;
  /** The E bit: this report ends the event. */
  end: boolean;
  /** Power level, in −dBm0 (0–63). */
  volume: number;
  /** Since the event began, in RTP timestamp units. */
  duration: number;
}

const KEYS = '0123456789*#ABCD';

/**
 * The event reports of a telephone-event payload: one per 4 bytes (a sender may pack several,
 * oldest first, §2.5.1.5); undefined when the length is not a whole number of reports or a
 * reserved bit is set.
 */
export function parseToneEvents(payload: Uint8Array): ToneEvent[] | undefined {
  if (payload.length === 0 || payload.length % 4 !== 0) return undefined;
  const events: ToneEvent[] = [];
  for (let at = 0; at < payload.length; at += 4) {
    const flags = payload[at + 1]!;
    if (flags & 0x40) return undefined; // R: reserved, sent as 0
    events.push({ code: payload[at]!, end: (flags & 0x80) !== 0, volume: flags & 0x3f, duration: (payload[at + 2]! << 8) | payload[at + 3]! });
  }
  return events;
}

/** How many event starts are remembered (several presses may overlap in retransmission). */
const REMEMBERED = 32;

/** The presses of one stream, each reported once. */
export class KeyPresses {
  /** `ssrc:start` of the events seen lately, oldest first. */
  private readonly seen: string[] = [];
  /** The last event of each source, to tell a long event's next segment from a new press. */
  private readonly last = new Map<number, { start: number; code: number; ended: boolean; duration: number }>();

  /**
   * The keys newly pressed in one telephone-event packet of source `ssrc` with RTP `timestamp`
   * (0–15 only: flash and other tones are not keys). Events packed after the first start where the
   * ones before them end (§2.5.1.5).
   */
  push(ssrc: number, timestamp: number, events: ToneEvent[]): string[] {
    const keys: string[] = [];
    let start = timestamp >>> 0;
    for (const event of events) {
      const key = `${ssrc}:${start}`;
      const last = this.last.get(ssrc);
      if (!this.seen.includes(key)) {
        this.remember(key);
        if (!(last && this.continues(last, start, event.code)) && event.code < KEYS.length) keys.push(KEYS[event.code]!);
        this.last.set(ssrc, { start, code: event.code, ended: event.end, duration: event.duration });
      } else if (last?.start === start) {
        last.ended ||= event.end;
        last.duration = Math.max(last.duration, event.duration);
      }
      start = (start + event.duration) >>> 0;
    }
    return keys;
  }

  /**
   * An event longer than a duration field holds (about 8 s at 8 kHz) goes on in a new segment whose
   * timestamp is where the last one ended (§2.5.1.3): the same press, not a new one.
   */
  private continues(last: { start: number; code: number; ended: boolean; duration: number }, start: number, code: number): boolean {
    const offset = (start - last.start) >>> 0;
    return !last.ended && last.code === code && last.duration >= 0xffff - 1600 && offset >= last.duration && offset <= 0x10000 + 1600;
  }

  private remember(key: string): void {
    this.seen.push(key);
    if (this.seen.length > REMEMBERED) this.seen.shift();
  }
}
