// The caller's audio in real time, on a clock the test moves: a quiet source's silence is handed
// on as time passes, the source's own timing then adds only what the clock has not filled, and a
// jump (or a clock that leapt) never becomes more than MAX_SILENCE_MS of silence.
import { describe, expect, it } from 'vitest';
import { CallerTimeline, MAX_SILENCE_MS, QUIET_AFTER_MS, RTP_PAUSE_MS, UNTIMED_PAUSE_MS } from '../../../../electron/engine/streamer/caller-timeline.ts';

function timeline() {
  const out: { n: number; rate: number; silent: boolean }[] = [];
  const line = new CallerTimeline((samples, rate) => out.push({ n: samples.length, rate, silent: samples.every((s) => s === 0) }));
  const total = () => out.reduce((n, o) => n + o.n, 0);
  return { line, out, total };
}
const frame = new Int16Array(160).fill(500);

describe('the caller timeline', () => {
  it('after comfort noise, hands on the silence since the caller went quiet, as time passes', () => {
    const { line, total } = timeline();
    line.audio(frame, 8000, 0, true);
    line.quietFrom(0);
    line.tick(QUIET_AFTER_MS - 1);
    expect(total()).toBe(160);
    line.tick(QUIET_AFTER_MS);
    expect(total()).toBe(160 + 800); // the 100 ms since the comfort noise
    line.tick(500);
    expect(total()).toBe(160 + 4000); // and on: 500 ms of silence by now
  });

  it('waits longer before filling a pause of a source that never showed it suppresses silence', () => {
    const rtp = timeline();
    rtp.line.audio(frame, 8000, 0, true);
    rtp.line.tick(RTP_PAUSE_MS - 1);
    expect(rtp.total()).toBe(160);
    rtp.line.tick(RTP_PAUSE_MS);
    expect(rtp.total()).toBe(160 + 8 * RTP_PAUSE_MS);
    const json = timeline();
    json.line.audio(frame, 8000, 0);
    json.line.tick(UNTIMED_PAUSE_MS - 1);
    expect(json.total()).toBe(160);
    json.line.tick(UNTIMED_PAUSE_MS);
    expect(json.total()).toBe(160 + 8 * UNTIMED_PAUSE_MS);
    // Once an RTP source's timestamps showed a suppressed silence (1 s, 300 ms of it filled already),
    // a short pause is the caller's.
    rtp.line.silence(8000, 8000, 2000);
    rtp.line.audio(frame, 8000, 2000, true);
    rtp.line.tick(2000 + QUIET_AFTER_MS);
    expect(rtp.total()).toBe(160 + 8000 + 160 + 800);
  });

  it('takes off what the clock already filled when the timestamps show the silence (no double time)', () => {
    const { line, total } = timeline();
    line.audio(frame, 8000, 0, true);
    line.quietFrom(0);
    for (let now = 20; now <= 2000; now += 20) line.tick(now);
    expect(total()).toBe(160 + 16_000);
    line.silence(16_160, 8000, 2020); // the source says the silence was 2.02 s
    line.audio(frame, 8000, 2020);
    expect(total()).toBe(160 + 16_160 + 160);
  });

  it('without a clock moving, the timestamps place the whole silence', () => {
    const { line, out } = timeline();
    line.audio(frame, 8000, 0);
    line.silence(16_160, 8000, 0);
    expect(out.slice(1).reduce((n, o) => n + o.n, 0)).toBe(16_160);
    expect(out.slice(1).every((o) => o.silent)).toBe(true);
  });

  it('treats a jump past MAX_SILENCE_MS as a new timeline, and a clock that leapt as at most that much silence', () => {
    const { line, total } = timeline();
    line.audio(frame, 8000, 0);
    line.silence(8 * (MAX_SILENCE_MS + 1), 8000, 0);
    expect(total()).toBe(160);
    line.tick(3 * 3600 * 1000); // the machine slept for three hours
    expect(total()).toBe(160 + 8 * MAX_SILENCE_MS);
  });

  it('fills nothing before the first audio, nor once the source stopped', () => {
    const { line, total } = timeline();
    line.tick(10_000);
    expect(total()).toBe(0);
    line.audio(frame, 8000, 10_000);
    line.stop();
    line.tick(20_000);
    expect(total()).toBe(160);
  });

  it('waits at least 2.5 frames before calling a source of long frames quiet', () => {
    const { line, total } = timeline();
    line.audio(new Int16Array(1600), 8000, 0, true); // 200 ms frames
    line.quietFrom(0);
    line.tick(400);
    expect(total()).toBe(1600);
    line.tick(500);
    expect(total()).toBe(1600 + 4000);
  });
});
