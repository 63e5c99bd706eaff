// Lines a peer can trigger at will are summarised: the first of each kind per interval, then one
// line with the count. The clock is injected; the summary timer is faked.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../electron/engine/log.ts';

function capture(intervalMs = 60_000) {
  let now = Date.UTC(2026, 0, 1, 9);
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>), now: () => now, repeatIntervalMs: intervalMs });
  return { logger, lines, advance: (ms: number) => (now += ms) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('repeated log lines', () => {
  it('write the first of 1,000, then one line with the count once the interval is over', () => {
    const { logger, lines, advance } = capture();
    for (let i = 0; i < 1000; i++) logger.repeated('warn', 'webhook rejected', { attempt: i }, 'forgery');
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', msg: 'webhook rejected', attempt: 0 })]);
    advance(59_999);
    logger.flushRepeated();
    expect(lines).toHaveLength(1);
    advance(1);
    logger.flushRepeated();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'webhook rejected: 999 more like it in 60 s', kind: 'forgery', repeated: 999, time: '2026-01-01T09:01:00.000Z' });
    // The next interval starts with a line of its own.
    logger.repeated('warn', 'webhook rejected', { attempt: 1000 }, 'forgery');
    expect(lines[2]).toMatchObject({ msg: 'webhook rejected', attempt: 1000 });
  });

  it('count each kind on its own, across child loggers, and skip levels below the minimum', () => {
    const { logger, lines, advance } = capture();
    const child = logger.child({ callId: 'c1' });
    for (let i = 0; i < 10; i++) {
      logger.repeated('warn', 'media server refused');
      child.repeated('warn', 'webhook rejected', {}, 'ringotel 401');
      child.repeated('warn', 'webhook rejected', {}, 'ringyo 401');
      logger.repeated('debug', 'stream frame dropped');
    }
    expect(lines.map((l) => l.msg)).toEqual(['media server refused', 'webhook rejected', 'webhook rejected']);
    advance(60_000);
    logger.flushRepeated();
    expect(lines.slice(3).map((l) => [l.kind, l.repeated, l.callId])).toEqual([
      ['media server refused', 9, undefined],
      ['ringotel 401', 9, 'c1'],
      ['ringyo 401', 9, 'c1'],
    ]);
  });

  it('write a lone line without a summary, and a pending summary even when the flood stops', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { logger, lines, advance } = capture(10_000);
    logger.repeated('warn', 'once');
    for (let i = 0; i < 5; i++) logger.repeated('warn', 'flood');
    advance(10_000);
    vi.advanceTimersByTime(5_000); // the logger's own timer writes what is due
    expect(lines.map((l) => l.msg)).toEqual(['once', 'flood', 'flood: 4 more like it in 10 s']);
  });
});
