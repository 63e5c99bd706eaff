// Settings changed from the console take effect at once (a new webhook secret verifies the next
// delivery), secrets are never read back nor logged nor written to disk, values the operator set
// are locked, and the demo starts and stops on request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '../../shared/api.ts';
import type { SettingsView } from '../../shared/settings.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { createLogger } from '../../electron/engine/log.ts';
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { signRingyo } from '../fakes/webhook-signers.ts';
import { consoleGet, consolePost, post, SECRETS, startEngine, tempDataDir } from './support/engine.ts';
import { eventually } from './support/live.ts';

const logs: string[] = [];
let engine: Engine;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  engine = await startEngine(
    { dataDir, ringoverWebhookSecret: undefined, ringoverStreamerAuthToken: undefined },
    { sources: { ringotelApiToken: 'env', botPrompt: 'file', publicUrl: 'flag' }, logger: createLogger({ write: (line) => logs.push(line) }) },
  );
});
afterAll(() => engine.stop());

async function patch(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${engine.consoleUrl}/api/settings`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const setting = (view: SettingsView, key: string) => view.settings.find((s) => s.key === key)!;
const ringyo = (secret: string) => post(engine.publicUrl, signRingyo(JSON.stringify({ event: 'call.answered', data: { call_id: `ry-${Math.random()}` } }), secret));

describe('settings from the console', () => {
  it('say whether each secret is set and where each value comes from, never a secret itself', async () => {
    const { status, body } = await consoleGet(engine, '/api/settings');
    expect(status).toBe(200);
    const view = body as unknown as SettingsView;
    expect(setting(view, 'ringyoWebhookSecret')).toEqual({ key: 'ringyoWebhookSecret', set: true, source: 'default' });
    expect(setting(view, 'ringotelApiToken')).toMatchObject({ set: true, source: 'env' });
    expect(setting(view, 'botLanguage')).toEqual({ key: 'botLanguage', set: true, value: 'en', source: 'default' });
    expect(JSON.stringify(body)).not.toContain(SECRETS.RINGYO_WEBHOOK_SECRET);
    expect(view.secretsPersist).toBe(false);
  });

  it('apply a new webhook secret to the very next delivery', async () => {
    expect((await ringyo(SECRETS.RINGYO_WEBHOOK_SECRET)).status).toBe(200);
    const { status, body } = await patch({ ringyoWebhookSecret: 'rotated-ringyo-secret' });
    expect(status).toBe(200);
    expect(setting(body as unknown as SettingsView, 'ringyoWebhookSecret')).toEqual({ key: 'ringyoWebhookSecret', set: true, source: 'saved' });
    expect((await ringyo(SECRETS.RINGYO_WEBHOOK_SECRET)).status).toBe(401);
    expect((await ringyo('rotated-ringyo-secret')).status).toBe(200);
  });

  it('turn the stream server on when a stream token is set', async () => {
    expect(((await consoleGet(engine, '/api/health')).body as unknown as Health).streams).toMatchObject({ configured: false, missing: '“Stream token” (Live audio)' });
    expect((await patch({ ringoverStreamerAuthToken: 'fresh-stream-token' })).status).toBe(200);
    expect(((await consoleGet(engine, '/api/health')).body as unknown as Health).streams.configured).toBe(true);
    const media = await SimulatedMediaServer.connect({ target: engine.publicUrl, token: 'fresh-stream-token', callId: newCallId(), clips: [] });
    media.stop();
    await expect(SimulatedMediaServer.connect({ target: engine.publicUrl, token: 'stale-token', callId: newCallId(), clips: [] })).rejects.toMatchObject({ status: 401 });
  });

  it('refuse to change what the operator set outside the console, saying where to change it', async () => {
    const env = await patch({ ringotelApiToken: 'x' });
    expect(env).toMatchObject({ status: 409, body: { error: '“API token” (Ringotel) is set by the environment variable RINGOTEL_API_TOKEN: change it there, then restart Ringside' } });
    const file = await patch({ botPrompt: 'Be rude.' });
    expect(file.status).toBe(409);
    expect(file.body.error).toContain('config file');
    expect(await patch({ publicUrl: 'https://x.example.com' })).toMatchObject({
      status: 409,
      body: { error: '“My own URL” (Public access) is set by the flag --public-url: change it there, then restart Ringside' },
    });
  });

  it('reject invalid values and unknown settings with a reason, changing nothing', async () => {
    const bad = await patch({ turnSilenceMs: '20', botLanguage: 'fr' });
    expect(bad).toMatchObject({ status: 400, body: { error: '“End of turn (ms of silence)” (Voice bot) must be 100 ms or more' } });
    expect(engine.config.botLanguage).toBe('en'); // nothing of a rejected change applies
    expect(await patch({ publicPort: '1' })).toMatchObject({ status: 400, body: { error: 'not a setting the console can change: publicPort' } });
    expect(await patch({ botLanguage: 5 })).toMatchObject({ status: 400, body: { error: '“Language” (Voice bot) must be text, or null to go back to the default' } });
    expect(await patch({ turnSilenceMs: true })).toMatchObject({ status: 400, body: { error: '“End of turn (ms of silence)” (Voice bot) must be a number, or null to go back to the default' } });
    expect((await patch({ openaiBaseUrl: 'not a url' })).body.error).toContain('must be a URL');
  });

  it('refuse a secret shorter than 8 characters, saying so, and keep the one in use', async () => {
    const current = engine.config.ringyoWebhookSecret!;
    for (const [key, value] of [['ringyoWebhookSecret', 'abc'], ['ringgWebhookToken', 'Bearer abc'], ['ringoverStreamerAuthToken', '1234567']] as const) {
      const reply = await patch({ [key]: value });
      expect(reply.status, key).toBe(400);
      expect(reply.body.error, key).toMatch(/^“.+” \(.+\) must be at least 8 characters: a shorter secret is easily guessed/);
    }
    expect(engine.config.ringyoWebhookSecret).toBe(current);
    expect((await ringyo(current)).status).toBe(200);
  });

  it('keep secrets out of the logs and off the disk; save the rest for the next start', async () => {
    expect((await patch({ openaiApiKey: 'sk-console-secret-123456', botLanguage: 'fr', turnSilenceMs: '650' })).status).toBe(200);
    expect(engine.config).toMatchObject({ botLanguage: 'fr', turnSilenceMs: 650, openaiApiKey: 'sk-console-secret-123456' });
    engine.logger.warn('oops, the key sk-console-secret-123456 leaked into a message');
    expect(logs.join('\n')).not.toContain('sk-console-secret-123456');
    const saved = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(JSON.parse(saved)).toEqual({ botLanguage: 'fr', turnSilenceMs: '650' });
    expect(saved).not.toContain('secret');

    const again = await startEngine({ dataDir, consolePort: 0, publicPort: 0 });
    try {
      expect(again.config.botLanguage).toBe('fr');
      expect(again.config.openaiApiKey).toBeUndefined(); // the headless engine kept it for its run only
    } finally {
      await again.stop();
    }
  });

  it('go back to the default when a value is cleared', async () => {
    expect((await patch({ botLanguage: null, turnSilenceMs: '' })).status).toBe(200);
    expect(engine.config).toMatchObject({ botLanguage: 'en', turnSilenceMs: 500 });
  });

  it('take a number setting as a JSON number, checked against the setting’s own range', async () => {
    const { status, body } = await patch({ turnSilenceMs: 800 });
    expect(status).toBe(200);
    expect(engine.config.turnSilenceMs).toBe(800);
    expect(setting(body as unknown as SettingsView, 'turnSilenceMs')).toEqual({ key: 'turnSilenceMs', set: true, value: '800', source: 'saved' });
    expect(await patch({ bargeInMs: 20 })).toMatchObject({ status: 400, body: { error: '“Barge-in after (ms of speech)” (Voice bot) must be 60 ms or more' } });
    expect(await patch({ modelTimeoutMs: 1500.5 })).toMatchObject({ status: 400, body: { error: '“Model timeout (ms)” (Voice bot) must be a whole number of milliseconds' } });
    expect(await patch({ botLanguage: 'fr', turnSilenceMs: 6000 })).toMatchObject({ status: 400, body: { error: '“End of turn (ms of silence)” (Voice bot) must be 5000 ms or less' } });
    expect(engine.config).toMatchObject({ botLanguage: 'en', turnSilenceMs: 800, bargeInMs: 250 });
    expect((await patch({ turnSilenceMs: null })).status).toBe(200);
  });

  it('name a setting in every answer as Settings shows it, never by an environment variable', async () => {
    const bare = await startEngine({ ringoverWebhookSecret: undefined, ringyoWebhookSecret: undefined, ringoverStreamerAuthToken: undefined, publicAccess: 'ngrok' });
    try {
      const health = (await consoleGet(bare, '/api/health')).body as unknown as Health;
      expect(health.providers.ringover.missing).toBe('“Webhook secret” (Ringover)');
      expect(health.providers.ringyo.missing).toBe('“Webhook secret” (Ringyo)');
      expect(health.streams.missing).toBe('“Stream token” (Live audio)');
      expect(health.access.tunnel?.error).toBe('set “ngrok authtoken” (Public access) in Settings to open the tunnel');
      const answers = [
        JSON.stringify(health),
        JSON.stringify((await consolePost(bare, '/api/access/test', { provider: 'ringyo' })).body),
        JSON.stringify((await patch({ turnSilenceMs: 'soon' })).body),
        JSON.stringify((await patch({ ngrokAuthtoken: 'short' })).body),
      ];
      expect(answers[2]).toContain('“End of turn (ms of silence)” (Voice bot) must be a number of milliseconds');
      expect(answers[3]).toContain('“ngrok authtoken” (Public access) must be at least 8 characters');
      for (const answer of answers) expect(answer).not.toMatch(/\b(RINGSIDE|RINGOVER|RINGOTEL|RINGYO|RINGG|OPENAI|NGROK)_[A-Z_]+/);
    } finally {
      await bare.stop();
    }
  });
});

describe('the demo from the console', () => {
  it('starts simulated calls (making up the secrets it needs) and stops them', async () => {
    expect((await consolePost(engine, '/api/demo', { running: 'yes' })).status).toBe(400);
    expect(await consolePost(engine, '/api/demo', { running: true })).toMatchObject({ status: 200, body: { running: true } });
    const live = await eventually(async () => {
      const { body } = await consoleGet(engine, '/api/calls?state=live');
      const calls = body.calls as { demo?: boolean; stream?: { state: string } }[];
      expect(calls.some((c) => c.demo && c.stream?.state === 'connected')).toBe(true);
      return calls;
    }, 10_000);
    expect(live.length).toBeGreaterThan(0);
    expect(((await consoleGet(engine, '/api/health')).body as unknown as Health).demo.running).toBe(true);
    expect(await consolePost(engine, '/api/demo', { running: false })).toMatchObject({ status: 200, body: { running: false } });
    await eventually(async () => {
      const { body } = await consoleGet(engine, '/api/calls?state=live');
      expect((body.calls as { demo?: boolean }[]).filter((c) => c.demo)).toEqual([]);
    }, 10_000);
  });
});
