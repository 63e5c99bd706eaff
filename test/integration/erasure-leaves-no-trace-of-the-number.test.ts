// A data subject's request: every call of their number is found whatever format it is typed in,
// exported as a zip, then erased; afterwards the number is nowhere in the bytes of the store files
// (database, write-ahead log), the recordings folder or the log, and each call is a tombstone.
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingFile } from '../../electron/engine/audio/recording-files.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { createLogger } from '../../electron/engine/log.ts';
import { ringoverBody, signRingoverHmac } from '../fakes/webhook-signers.ts';
import { consolePost, post, SECRETS, startEngine } from './support/engine.ts';

const NUMBER = '+33612345678';
/** How the number appears inside every format it may be written in (+33…, 0033…, 06…). */
const DIGITS = '612345678';
const OTHER = '+33700000001';

let engine: Engine;
let dataDir: string;
const logLines: string[] = [];

const webhook = (event: string, callId: string, data: Record<string, unknown>, resource = 'call') =>
  post(engine.publicUrl, signRingoverHmac(ringoverBody(event, callId, data, resource), SECRETS.RINGOVER_WEBHOOK_SECRET));

/** Every file under `dir`, as bytes, by path. */
function filesUnder(dir: string): [string, Buffer][] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [[path, readFileSync(path)] as [string, Buffer]];
  });
}
const holding = (needle: string) => filesUnder(dataDir).filter(([, bytes]) => bytes.includes(needle)).map(([path]) => path.slice(dataDir.length + 1));

beforeAll(async () => {
  engine = await startEngine({}, { logger: createLogger({ write: (line) => logLines.push(line) }) });
  dataDir = engine.config.dataDir;
  const parties = { from_number: NUMBER, to_number: '+33198765432', direction: 'in' };
  for (const status of [(await webhook('ringing', '7001', parties)).status, (await webhook('hangup', '7001', { ...parties, duration_in_seconds: 42 })).status]) expect(status).toBe(200);
  expect((await webhook('ringing', '7002', { from_number: OTHER, to_number: '+33198765432' })).status).toBe(200);
  expect((await webhook('hangup', '7002', { from_number: OTHER, to_number: '+33198765432' })).status).toBe(200);
  // An SMS from the number, in its national form: it belongs to no call.
  expect((await webhook('received', '7003', { from_number: '06 12 34 56 78', to_number: '+33198765432', body: 'call me back' }, 'sms')).status).toBe(200);
  // A call of the number still ringing.
  expect((await webhook('ringing', '7004', parties)).status).toBe(200);
  mkdirSync(join(dataDir, 'recordings'), { recursive: true });
  writeFileSync(recordingFile(join(dataDir, 'recordings'), 'ringover-7001'), `RIFF recording of ${NUMBER}`);
});
afterAll(() => engine.stop());

describe('a phone number’s data on request', () => {
  it('finds every call of the number, however it is typed, and none of another', async () => {
    for (const typed of ['+33 6 12 34 56 78', '06.12.34.56.78', '0033612345678', '612345678']) {
      const reply = await consolePost(engine, '/api/privacy/find', { number: typed });
      expect(reply.status, typed).toBe(200);
      expect(reply.body.number).toBe(NUMBER);
      expect((reply.body.calls as { id: string }[]).map((c) => c.id).sort(), typed).toEqual(['ringover-7001', 'ringover-7004']);
      expect(reply.body.otherEvents).toBe(1);
    }
    const refused = await consolePost(engine, '/api/privacy/find', { number: 'hello' });
    expect(refused.status).toBe(400);
  });

  it('exports the calls, their events with raw bodies, the recording and the other events as a zip', async () => {
    const exported = await engine.api.exportNumber('06 12 34 56 78');
    const files = unzipSync(Buffer.from(exported.zip, 'base64'));
    const names = Object.keys(files).sort();
    expect(names).toEqual(expect.arrayContaining(['export.json', 'other-events.json', 'ringover-7001/call.json', 'ringover-7001/events.json', 'ringover-7001/recording.wav', 'ringover-7004/call.json']));
    const events = JSON.parse(strFromU8(files['ringover-7001/events.json']!)) as { rawBody?: string }[];
    expect(events.every((e) => e.rawBody?.includes(NUMBER))).toBe(true);
    expect(strFromU8(files['ringover-7001/recording.wav']!)).toContain(NUMBER);
    expect(JSON.parse(strFromU8(files['export.json']!))).toMatchObject({ number: NUMBER, otherEvents: 1 });
    expect(JSON.parse(strFromU8(files['export.json']!)).calls.sort()).toEqual(['ringover-7001', 'ringover-7004']);
    expect(exported.calls).toBe(2);
  });

  it('keeps a live call, then erases everything once it ended; the number is then in no file and no log line', async () => {
    expect(holding(DIGITS).length).toBeGreaterThan(0); // before: the store and the recording have it
    const first = await engine.api.eraseNumber(NUMBER);
    expect(first).toMatchObject({ number: NUMBER, erased: 1, recordings: 1, kept: [{ id: 'ringover-7004', reason: 'live' }] });
    expect(first.events).toBe(4); // the call's two webhooks, the export's audit entry, and the SMS

    expect((await webhook('hangup', '7004', { from_number: NUMBER, to_number: '+33198765432' })).status).toBe(200);
    const second = await engine.api.eraseNumber('+33 6 12 34 56 78');
    expect(second).toMatchObject({ erased: 1, kept: [] });
    expect((await engine.api.findNumber(NUMBER)).calls).toEqual([]);

    const tombstone = (await engine.api.getCall('ringover-7001')).call;
    expect(tombstone).toMatchObject({ id: 'ringover-7001', from: {}, to: {}, erasedAt: expect.any(String) });
    expect(JSON.stringify(tombstone)).not.toContain(DIGITS);
    const audit = (await engine.api.getCall('ringover-7001')).events.map((e) => e.providerEvent);
    expect(audit).toEqual(['audit.erase']);
    // The team's audit trail is its own table: the erasure keeps the request's entries, with who and counts, never the number.
    const trail = engine.team.audit.query({ callId: 'ringover-7001' });
    expect(trail.map((e) => e.action)).toEqual(['data-export', 'erasure']);
    expect(trail[1]).toMatchObject({ actorId: 'local', detail: { erasedCalls: 1 } });
    expect(JSON.stringify(engine.team.audit.query({}))).not.toContain(DIGITS);
    expect((await engine.api.listCalls({ q: DIGITS })).calls).toEqual([]);
    expect((await engine.api.findNumber(OTHER)).calls).toHaveLength(1); // another number's call stays

    // A late delivery for an erased call (a redelivery, an aftercall update) does not bring it back.
    expect((await webhook('hangup', '7001', { from_number: NUMBER, to_number: '+33198765432', duration_in_seconds: 42 })).status).toBe(200);
    expect((await webhook('tags_updated', '7001', { from_number: NUMBER, tags: ['late'] }, 'aftercall')).status).toBe(200);
    expect((await engine.api.getCall('ringover-7001')).call).toMatchObject({ from: {}, erasedAt: expect.any(String) });

    await engine.stop(); // closes the store: its files are as they stay on disk
    expect(holding(DIGITS)).toEqual([]);
    expect(holding('12 34 56 78')).toEqual([]); // the SMS's own way of writing it
    // Without the store file rewritten (VACUUM), freed pages would still hold the rows: checked by hand when this was written.
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => line.includes(DIGITS))).toEqual([]);
  });
});
