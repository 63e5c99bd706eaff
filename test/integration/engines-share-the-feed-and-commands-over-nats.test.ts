// Three engines on one PostgreSQL and one NATS: a console on engine A follows a call whose webhooks
// went to A and whose media stream went to C; A's commands reach C's media socket byte-exact; a
// command for a call no engine streams is refused 409 at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { loadClips } from '../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { RingoverWebhookSender } from '../../electron/engine/simulator/webhook-sender.ts';
import { freshPrefix, natsUnavailable, TEST_NATS_URL } from '../unit/engine/support/nats.ts';
import { freshSchema, postgresUnavailable, TEST_DATABASE_URL } from '../unit/engine/support/postgres.ts';
import { consolePost, SECRETS, startEngine } from './support/engine.ts';
import { openLive, until, type LiveFeed } from './support/live.ts';

const missing = (await postgresUnavailable()) !== undefined || (await natsUnavailable()) !== undefined;

describe.skipIf(missing)('engines sharing the feed and commands over NATS', () => {
  const engines: Engine[] = [];
  let live: LiveFeed;
  beforeAll(async () => {
    const options = { databaseSchema: freshSchema(), natsPrefix: freshPrefix() };
    engines.push(...(await Promise.all([0, 1, 2].map(() => startEngine({ databaseUrl: TEST_DATABASE_URL, natsUrl: TEST_NATS_URL }, options)))));
    live = await openLive(engines[0]!.consoleUrl, SECRETS.RINGSIDE_CONSOLE_TOKEN);
  });
  afterAll(async () => {
    live?.close();
    await Promise.all(engines.map((e) => e.stop()));
  });

  it('show on A a call streamed into C, and carry A’s commands to C’s media socket byte-exact', async () => {
    const [a, , c] = engines as [Engine, Engine, Engine];
    const callId = newCallId();
    const id = `ringover-${callId}`;
    const webhooks = new RingoverWebhookSender(a.publicUrl, SECRETS.RINGOVER_WEBHOOK_SECRET);
    const data = { callId, direction: 'in' as const, from: '+33612345678', to: '+33187654321' };
    expect(await webhooks.send('ringing', data)).toBe(200);
    expect(await webhooks.send('answered', data)).toBe(200);
    const media = await SimulatedMediaServer.connect({ target: c.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId, clips: loadClips() });
    try {
      media.startAudio();
      // A's console sees the stream C holds, and C's waveform peaks.
      await until(() => live.messages.some((m) => m.type === 'call.updated' && m.call.id === id && m.call.stream?.state === 'connected'), 8000, 'the stream on A');
      await until(() => live.messages.some((m) => m.type === 'audio.peaks' && m.calls.some((p) => p.callId === id)), 8000, 'C’s peaks on A');
      const sent = [
        [{ type: 'break' }, '{"event":"break"}'],
        [{ type: 'play', url: 'https://cdn.example/hold-music.mp3' }, '{"event":"play","file":"https://cdn.example/hold-music.mp3"}'],
        [{ type: 'digits', digits: '0123#' }, '{"event":"digits","data":"0123#"}'],
      ] as const;
      for (const [command] of sent) {
        expect(await consolePost(a, `/api/calls/${id}/commands`, command)).toMatchObject({ status: 202, body: { sent: true } });
      }
      await until(() => media.received.length >= sent.length || undefined, 5000, 'the commands on C’s socket');
      expect(media.received.map((r) => r.text)).toEqual(sent.map(([, wire]) => wire));
    } finally {
      media.stop();
    }
  });

  it('refuse a command for a call no engine streams with 409, at once', async () => {
    const [a] = engines as [Engine];
    const callId = newCallId();
    expect(await new RingoverWebhookSender(a.publicUrl, SECRETS.RINGOVER_WEBHOOK_SECRET).send('ringing', { callId, direction: 'in', from: '+33612345678', to: '+33187654321' })).toBe(200);
    const reply = await consolePost(engines[1]!, `/api/calls/ringover-${callId}/commands`, { type: 'break' });
    expect(reply).toMatchObject({ status: 409, body: { error: expect.stringContaining('no live stream') } });
  });
});
