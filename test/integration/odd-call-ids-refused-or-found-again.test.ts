// What happens to a call id a peer sends, whichever way it arrives (stream URL, stream start frame,
// each provider's signed webhook): ids no provider sends and that could not be found again exactly
// (NUL, control characters, 10,000 characters, lone surrogates) are refused with close code 4003 or a
// 400 naming the field; ids with `/`, `\`, `..`, `%` or spaces are kept as sent and found again through
// the console API, with their recording and their listen socket.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Health } from '../../shared/api.ts';
import { callIdFor, type Call, type CallEvent, type Provider } from '../../shared/call.ts';
import { encodeUlaw } from '../../electron/engine/audio/g711.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { CLOSE } from '../../electron/engine/streamer/port.ts';
import { buildRtp, PT_PCMU } from '../../electron/engine/streamer/rtp.ts';
import { ringgRequest, ringotelRequest, ringoverBody, signRingoverHmac, signRingyo, type SignedRequest } from '../fakes/webhook-signers.ts';
import { consoleGet, post, SECRETS, startEngine } from './support/engine.ts';
import { eventually, until } from './support/live.ts';

const authorization = { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` };

/** A stream socket and how it ended (the close is watched from the start: a refusal comes at once). */
function streamSocket(engine: Engine, path: string) {
  const ws = new WebSocket(`${engine.streamUrl}${path}${path.includes('?') ? '&' : '?'}token=${SECRETS.RINGOVER_STREAMER_AUTH_TOKEN}`);
  const state: { closed?: { code: number; reason: string } } = {};
  ws.on('close', (code, reason) => (state.closed = { code, reason: reason.toString() }));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, state, opened };
}

/** 20 ms PCMU RTP frames numbered from `first`. */
function sendRtp(ws: WebSocket, first: number, count: number): void {
  const payload = encodeUlaw(new Int16Array(160).fill(4000));
  for (let i = first; i < first + count; i++) ws.send(buildRtp({ payloadType: PT_PCMU, marker: i === 0, sequence: i, timestamp: i * 160, ssrc: 0x42, payload }));
}

const startFrame = (callSid: string) => JSON.stringify({ event: 'start', start: { callSid, streamSid: 'MZ1', mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } });

/** The same delivery as each provider signs it, carrying `id` as the call id. */
const WEBHOOKS: { provider: Provider; field: string; signed: (id: string, event?: 'start' | 'end') => SignedRequest }[] = [
  {
    provider: 'ringover',
    field: 'data.call_id',
    // The HMAC form: a JWT carries the body in a header, and 10,000 characters do not fit in one.
    signed: (id, event = 'start') => signRingoverHmac(ringoverBody(event === 'start' ? 'ringing' : 'hangup', JSON.stringify(id)), SECRETS.RINGOVER_WEBHOOK_SECRET),
  },
  { provider: 'ringotel', field: 'params.call_id', signed: (id) => ringotelRequest('StartCallActivity', { call_id: id }, SECRETS.RINGOTEL_API_TOKEN) },
  {
    provider: 'ringyo',
    field: 'data.call_id',
    signed: (id) => signRingyo(JSON.stringify({ event: 'call.ringing', timestamp: Date.now() / 1000, data: { call_id: id } }), SECRETS.RINGYO_WEBHOOK_SECRET),
  },
  { provider: 'ringg', field: 'call_id', signed: (id) => ringgRequest({ event_type: 'call_started', call_id: id }, SECRETS.RINGG_WEBHOOK_TOKEN) },
];

/** Refused ids, and what the refusal says. */
const REFUSED: { shape: string; id: string; why: RegExp }[] = [
  { shape: 'NUL', id: 'a\u0000b', why: /has a control character \(U\+0000\)/ },
  { shape: 'a control character', id: 'a\u001b[2Jb', why: /has a control character \(U\+001B\)/ },
  { shape: 'a line separator', id: 'a\u2028b', why: /has a control character \(U\+2028\)/ },
  { shape: '10,000 characters', id: 'a'.repeat(10_000), why: /longer than 256 characters/ },
  { shape: 'a lone surrogate', id: 'a\ud800b', why: /not well-formed Unicode \(lone surrogate U\+D800\)/ },
  { shape: 'U+FFFD', id: 'a\ufffdb', why: /has U\+FFFD/ },
];

describe('refused call ids', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine();
  });
  afterAll(() => engine.stop());

  const stored = async () => ((await consoleGet(engine, '/api/health')).body as unknown as Health).store;
  const recordings = () => readdirSync(join(engine.config.dataDir, 'recordings'));

  /** Nothing of the call was kept, under either spelling of its id. */
  async function expectNoCall(provider: Provider, id: string): Promise<void> {
    await expect(engine.api.getCall(callIdFor(provider, id))).rejects.toMatchObject({ status: 404 });
    await expect(engine.api.getCall(callIdFor(provider, id.toWellFormed()))).rejects.toMatchObject({ status: 404 });
  }

  const streamCases = [
    // A 10,000-character URL is refused before the upgrade (414, below); 300 characters reach the id check.
    ...REFUSED.filter((c) => c.id.isWellFormed())
      .map((c) => (c.id.length > 8000 ? { ...c, shape: '300 characters', id: 'a'.repeat(300) } : c))
      .map((c) => ({ ...c, path: `/stream/${encodeURIComponent(c.id)}` })),
    // A query parameter's bad bytes decode to U+FFFD (a path's are refused before the upgrade).
    { shape: 'a lone surrogate, percent-encoded in ?call_id=', id: 'a\ufffd\ufffd\ufffdb', why: /has U\+FFFD/, path: '/stream?call_id=a%ED%A0%80b' },
  ];
  it.each(streamCases)('closes a stream whose URL names the call with $shape: 4003 and why', async ({ id, why, path }) => {
    const before = await stored();
    const { ws, state, opened } = streamSocket(engine, path);
    await opened;
    sendRtp(ws, 0, 5);
    const closed = await until(() => state.closed, 5000, 'the stream to be closed');
    expect(closed.code).toBe(CLOSE.badCallId);
    expect(closed.reason).toMatch(/^call id refused: /);
    expect(closed.reason).toMatch(why);
    await expectNoCall('ringover', id);
    expect(await stored()).toEqual(before);
    expect(recordings()).toEqual([]);
  });

  it('refuses a stream URL of 10,000 characters before the upgrade, with 414 in JSON', async () => {
    const ws = new WebSocket(`${engine.streamUrl}/stream/${'a'.repeat(10_000)}?token=${SECRETS.RINGOVER_STREAMER_AUTH_TOKEN}`);
    ws.on('error', () => undefined);
    const res = await new Promise<import('node:http').IncomingMessage>((resolve) => ws.once('unexpected-response', (_req, response) => resolve(response)));
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    await expectNoCall('ringover', 'a'.repeat(10_000));
  });

  it.each(REFUSED)('closes a stream whose start frame names the call with $shape: 4003 and why', async ({ id, why }) => {
    const before = await stored();
    const { ws, state, opened } = streamSocket(engine, '/stream');
    await opened;
    ws.send(startFrame(id));
    sendRtp(ws, 0, 5);
    const closed = await until(() => state.closed, 5000, 'the stream to be closed');
    expect(closed).toMatchObject({ code: CLOSE.badCallId, reason: expect.stringMatching(why) });
    await expectNoCall('ringover', id);
    expect(await stored()).toEqual(before);
    expect(recordings()).toEqual([]);
  });

  const webhookCases = WEBHOOKS.flatMap((webhook) => REFUSED.map((refused) => ({ ...webhook, ...refused })));
  it.each(webhookCases)('answers a signed $provider webhook whose call id has $shape with 400 naming $field', async ({ provider, field, signed, id, why }) => {
    const before = await stored();
    const reply = await post(engine.publicUrl, signed(id));
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(new RegExp(`^${field.replace('.', '\\.')} is not a usable id: `));
    expect(reply.body.error).toMatch(why);
    await expectNoCall(provider, id);
    expect(await stored()).toEqual(before);
  });
});

describe('call ids with /, \\, .., % and spaces', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await startEngine();
  });
  afterAll(() => engine.stop());

  const ODD = 'a/../B %41 c\\d';
  const detail = async (callId: string) => {
    const reply = await consoleGet(engine, `/api/calls/${encodeURIComponent(callId)}`);
    expect(reply.status).toBe(200);
    return reply.body as unknown as { call: Call; events: CallEvent[] };
  };

  it('keeps them as sent and finds the call again: its detail, its listen socket, its recording, from every provider', async () => {
    const callId = `ringover-${ODD}`;
    expect((await post(engine.publicUrl, WEBHOOKS[0]!.signed(ODD))).status).toBe(200);
    const stream = streamSocket(engine, `/stream/${encodeURIComponent(ODD)}`);
    await stream.opened;
    sendRtp(stream.ws, 0, 50);
    await eventually(async () => expect((await detail(callId)).call.stream?.framesReceived).toBe(50));

    const listener = new WebSocket(`${engine.consoleUrl.replace('http', 'ws')}/api/calls/${encodeURIComponent(callId)}/listen`, { headers: authorization });
    const heard = { format: undefined as unknown, bytes: 0 };
    listener.on('message', (data: Buffer, binary) => (binary ? (heard.bytes += data.length) : (heard.format = JSON.parse(data.toString()))));
    await new Promise((resolve, reject) => listener.once('open', resolve).once('error', reject));
    sendRtp(stream.ws, 50, 50);
    await until(() => heard.bytes > 0, 5000, 'audio on the listen socket');
    expect(heard.format).toEqual({ type: 'format', sampleRate: 8000, channels: 2 });
    listener.close();

    stream.ws.close();
    expect((await post(engine.publicUrl, WEBHOOKS[0]!.signed(ODD, 'end'))).status).toBe(200);
    const { call, events } = await eventually(async () => {
      const found = await detail(callId);
      expect(found.events.map((e) => e.providerEvent)).toContain('stream.recorded');
      return found;
    });
    expect(call).toMatchObject({ id: callId, providerCallId: ODD, state: 'ended', recording: { durationSeconds: 2 } });
    expect(events.map((e) => e.providerEvent)).toEqual(expect.arrayContaining(['call.ringing', 'stream.connected', 'stream.disconnected', 'call.hangup']));

    const recording = await fetch(`${engine.consoleUrl}/api/calls/${encodeURIComponent(callId)}/recording`, { headers: authorization });
    expect(recording.status).toBe(200);
    expect(recording.headers.get('content-type')).toBe('audio/wav');
    const wav = Buffer.from(await recording.arrayBuffer());
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.length).toBe(44 + 100 * 160 * 2 * 2);
    expect(readdirSync(join(engine.config.dataDir, 'recordings'))).toEqual([expect.stringMatching(/^ringover-a-b-41-c-d--[0-9a-f]{32}\.wav$/)]);

    // Every provider's webhooks keep such ids too (the refusals above are no broader than they say).
    for (const { provider, signed } of WEBHOOKS) {
      const id = `${provider} ${ODD}`;
      expect((await post(engine.publicUrl, signed(id))).status).toBe(200);
      expect((await detail(`${provider}-${id}`)).call).toMatchObject({ provider, providerCallId: id });
    }
  });
});
