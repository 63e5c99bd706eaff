// A call id is chosen by whoever opens a stream, and used to become a file name as it was: a media
// server could write (or append to) a .wav anywhere the engine may write. Over real sockets, with the
// ids of issue 13: nothing is written outside the data dir, a .wav already there is left untouched,
// and the call's own recording is inside the recordings folder.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Call } from '../../shared/call.ts';
import { encodeUlaw } from '../../electron/engine/audio/g711.ts';
import { wavHeader } from '../../electron/engine/audio/wav.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { buildRtp, PT_PCMU } from '../../electron/engine/streamer/rtp.ts';
import { consoleGet, SECRETS, startEngine } from './support/engine.ts';
import { eventually } from './support/live.ts';

/** A data dir three folders down, so a path climbing out of it stays inside this test's own folder. */
const roots: string[] = [];
function nestedDataDir(): { root: string; dataDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'ringside-escape-'));
  roots.push(root);
  const dataDir = join(root, 'l1', 'l2', 'l3', 'data');
  mkdirSync(dataDir, { recursive: true });
  return { root, dataDir };
}

/** Every file under `dir`, as paths relative to `root`. */
function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path, root) : [relative(root, path)];
  });
}

function open(engine: Engine, path: string): Promise<WebSocket> {
  const ws = new WebSocket(`${engine.streamUrl}${path}${path.includes('?') ? '&' : '?'}token=${SECRETS.RINGOVER_STREAMER_AUTH_TOKEN}`);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** 100 frames of 20 ms PCMU RTP: two seconds of a tone. */
function sendRtp(ws: WebSocket, frames = 100): void {
  const payload = encodeUlaw(new Int16Array(160).fill(4000));
  for (let i = 0; i < frames; i++) ws.send(buildRtp({ payloadType: PT_PCMU, marker: i === 0, sequence: i, timestamp: i * 160, ssrc: 0x1234, payload }));
}

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Streams 100 frames for `providerCallId`, waits until the engine counted them, then stops the engine (every recording finalized). */
async function streamAndStop(dataDir: string, providerCallId: string, connect: (engine: Engine) => Promise<WebSocket>): Promise<Call> {
  engine = await startEngine({ dataDir });
  const running = engine;
  const ws = await connect(running);
  sendRtp(ws);
  const path = `/api/calls/${encodeURIComponent(`ringover-${providerCallId}`)}`;
  const call = await eventually(async () => {
    const { status, body } = await consoleGet(running, path);
    expect(status).toBe(200);
    const { call } = body as unknown as { call: Call };
    expect(call.stream?.framesReceived).toBe(100);
    return call;
  });
  ws.close();
  await running.stop();
  return call;
}

describe('ids chosen by a media server never escape the data dir', () => {
  it('writes nothing outside the data dir for /stream/x%2F..%2F..%2F..%2Fpwned', async () => {
    const { root, dataDir } = nestedDataDir();
    const providerCallId = 'x/../../../pwned';
    // Where a lexical join of the id would land: the data dir's parent.
    expect(relative(root, join(dataDir, 'recordings', `ringover-${providerCallId}.wav`))).toBe(join('l1', 'l2', 'l3', 'pwned.wav'));

    await streamAndStop(dataDir, providerCallId, (e) => open(e, `/stream/${encodeURIComponent(providerCallId)}`));

    const outside = filesUnder(root).filter((file) => !file.startsWith(join('l1', 'l2', 'l3', 'data') + sep));
    expect(outside).toEqual([]);
    const recordings = readdirSync(join(dataDir, 'recordings'));
    expect(recordings).toHaveLength(1);
    expect(recordings[0]).toMatch(/^ringover-x-pwned--[0-9a-f]{32}\.wav$/);
    expect(statSync(join(dataDir, 'recordings', recordings[0]!)).size).toBe(44 + 2 * 8000 * 2 * 2); // 2 s of 8 kHz stereo
  });

  it('leaves a .wav outside untouched for a start frame with callSid "y/../../../../tmp/x"', async () => {
    const { root, dataDir } = nestedDataDir();
    const providerCallId = 'y/../../../../tmp/x';
    const victim = join(root, 'l1', 'l2', 'tmp', 'x.wav');
    expect(join(dataDir, 'recordings', `ringover-${providerCallId}.wav`)).toBe(victim);
    mkdirSync(join(root, 'l1', 'l2', 'tmp'));
    // A recording the old code would have continued: same format as the call's.
    const original = Buffer.concat([wavHeader(8000, 2, 8), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8])]);
    writeFileSync(victim, original);
    const before = statSync(victim);

    await streamAndStop(dataDir, providerCallId, async (e) => {
      const ws = await open(e, '/stream');
      ws.send(JSON.stringify({ event: 'start', start: { callSid: providerCallId, streamSid: 'MZ1', mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } } }));
      return ws;
    });

    expect(readFileSync(victim).equals(original)).toBe(true);
    expect(statSync(victim).mtimeMs).toBe(before.mtimeMs);
    const outside = filesUnder(root).filter((file) => !file.startsWith(join('l1', 'l2', 'l3', 'data') + sep));
    expect(outside).toEqual([join('l1', 'l2', 'tmp', 'x.wav')]);
    const recordings = readdirSync(join(dataDir, 'recordings'));
    expect(recordings).toEqual([expect.stringMatching(/^ringover-y-tmp-x--[0-9a-f]{32}\.wav$/)]);
  });
});
