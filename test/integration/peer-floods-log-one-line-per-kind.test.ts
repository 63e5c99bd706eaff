// A flood of forged webhooks or refused media servers writes one line per kind per interval, then
// one line with the count, not a line per request.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { createLogger } from '../../electron/engine/log.ts';
import { ringotelRequest } from '../fakes/webhook-signers.ts';
import { post, startEngine } from './support/engine.ts';

let now = Date.UTC(2026, 0, 1, 9);
const lines: Record<string, unknown>[] = [];
const logger = createLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>), now: () => now });
const linesAbout = (text: string) => lines.filter((l) => String(l.msg).startsWith(text));
let engine: Engine;

beforeAll(async () => {
  engine = await startEngine({}, { logger });
});
afterAll(() => engine.stop());

function refusedUpgrade(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(engine.publicUrl + path, {
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a flood from peers in the log', () => {
  it('writes one line for 1,000 forged webhooks, then one summary line with the count', async () => {
    const forgery = ringotelRequest('StartCallActivity', { call_id: 'forged' }, 'not-the-token');
    for (let sent = 0; sent < 1000; sent += 50) {
      const replies = await Promise.all(Array.from({ length: 50 }, () => post(engine.publicUrl, forgery)));
      expect(replies.every((r) => r.status === 401)).toBe(true);
    }
    expect(linesAbout('webhook rejected')).toEqual([
      expect.objectContaining({ level: 'warn', provider: 'ringotel', status: 401, reason: 'api_token does not match “API token” (Ringotel; in Settings or RINGOTEL_API_TOKEN)' }),
    ]);
    now += 60_000;
    logger.flushRepeated();
    expect(linesAbout('webhook rejected')).toHaveLength(2);
    expect(linesAbout('webhook rejected')[1]).toMatchObject({ msg: 'webhook rejected: 999 more like it in 60 s', repeated: 999 });
  });

  it('writes one line for 100 media servers refused for a wrong token', async () => {
    const statuses = await Promise.all(Array.from({ length: 100 }, (_, i) => refusedUpgrade(`/stream/c${i}?token=wrong-stream-token`)));
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(linesAbout('media server refused')).toHaveLength(1);
  });
});
