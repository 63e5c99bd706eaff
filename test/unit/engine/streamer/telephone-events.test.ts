// RFC 4733 telephone events: each press reported once, however many packets carry it.
import { describe, expect, it } from 'vitest';
import { KeyPresses, parseToneEvents } from '../../../../electron/engine/streamer/telephone-events.ts';
import { toneEvent } from './support/rtp-bytes.ts';

const events = (...reports: number[][]) => parseToneEvents(Uint8Array.from(reports.flat()))!;

describe('telephone events', () => {
  it('reads a report: event, E bit, volume, duration', () => {
    expect(parseToneEvents(Uint8Array.of(0x05, 0x8a, 0x03, 0xc0))).toEqual([{ code: 5, end: true, volume: 10, duration: 960 }]);
    expect(parseToneEvents(Uint8Array.of(0x05, 0x8a, 0x03))).toBeUndefined(); // not whole reports
    expect(parseToneEvents(Uint8Array.of(0x05, 0x4a, 0x03, 0xc0))).toBeUndefined(); // R bit set
  });

  it('reports a press once: its updates and its three ends share its timestamp', () => {
    const presses = new KeyPresses();
    const keys = [160, 320, 480].map((d) => presses.push(1, 8000, events(toneEvent(9, false, 10, d))));
    for (let i = 0; i < 3; i++) keys.push(presses.push(1, 8000, events(toneEvent(9, true, 10, 800))));
    expect(keys.flat()).toEqual(['9']);
    expect(presses.push(1, 9600, events(toneEvent(9, true, 10, 800)))).toEqual(['9']); // a new timestamp: a new press
    expect(presses.push(2, 9600, events(toneEvent(9, true, 10, 800)))).toEqual(['9']); // another source's
  });

  it('maps 0–15 to keys and ignores flash and other tones', () => {
    const presses = new KeyPresses();
    const keys = [...Array(18).keys()].flatMap((code) => presses.push(1, code * 1000, events(toneEvent(code, true, 10, 400))));
    expect(keys.join('')).toBe('0123456789*#ABCD');
  });

  it('reads events packed in one packet, each starting where the one before ended', () => {
    const presses = new KeyPresses();
    expect(presses.push(1, 1000, events(toneEvent(1, true, 10, 800), toneEvent(2, false, 10, 160)))).toEqual(['1', '2']);
    expect(presses.push(1, 1800, events(toneEvent(2, true, 10, 800)))).toEqual([]); // the second one, again
  });

  it('takes a long event’s next segment for the same press', () => {
    const presses = new KeyPresses();
    expect(presses.push(1, 0, events(toneEvent(0, false, 10, 0xffff)))).toEqual(['0']);
    expect(presses.push(1, 0xffff, events(toneEvent(0, true, 10, 4000)))).toEqual([]);
  });
});
