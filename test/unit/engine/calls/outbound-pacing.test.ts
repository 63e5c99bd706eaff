import { describe, expect, it } from 'vitest';
import { CHUNK_MS, LEAD_MS, OutboundPlayer } from '../../../../electron/engine/calls/outbound.ts';

function setup() {
  const sent: { at: number; samples: number }[] = [];
  let now = 1000;
  const player = new OutboundPlayer(
    (command) => {
      if (command.type !== 'streamAudio') throw new Error(`only speech goes out here, not ${command.type}`);
      sent.push({ at: now, samples: Buffer.from(command.audio, 'base64').length / 2 });
      return true;
    },
    () => {},
  );
  return { player, sent, at: (t: number) => (now = t), get now() { return now; } };
}

describe('outbound speech pacing', () => {
  it('sends 40 ms chunks no further than the lead ahead of real time', () => {
    const s = setup();
    const durationMs = s.player.enqueue(new Int16Array(8000), 8000, s.now); // 1 s at 8 kHz
    expect(durationMs).toBe(1000);
    s.player.tick(s.now);
    expect(s.sent.map((x) => x.samples)).toEqual(Array(Math.floor(LEAD_MS / CHUNK_MS) + 1).fill(320));
    for (let t = 1000; t <= 2100; t += 20) {
      s.at(t);
      s.player.tick(t);
      const sentMs = s.sent.length * CHUNK_MS;
      expect(sentMs).toBeLessThanOrEqual(t - 1000 + LEAD_MS + CHUNK_MS);
    }
    expect(s.sent.reduce((n, x) => n + x.samples, 0)).toBe(8000);
    expect(s.player.playing).toBe(false);
  });

  it('stops at once and says how much the caller heard', () => {
    const s = setup();
    s.player.enqueue(new Int16Array(16000), 16000, s.now);
    for (let t = 1000; t <= 1300; t += 20) {
      s.at(t);
      s.player.tick(t);
    }
    const heard = s.player.stop(1300);
    expect(heard.heardMs).toBe(300);
    expect(heard.sentMs).toBeGreaterThanOrEqual(300);
    const before = s.sent.length;
    s.player.tick(1400);
    expect(s.sent.length).toBe(before);
  });
});
