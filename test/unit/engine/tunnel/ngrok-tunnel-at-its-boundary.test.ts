// The built-in tunnel against a stand-in for the ngrok SDK: the options it passes, the status it
// keeps as the session drops and comes back, retries that stop at errors only the user can fix.
import { describe, expect, it, vi } from 'vitest';
import { configSchema } from '../../../../electron/engine/config/schema.ts';
import { silentLogger } from '../../../../electron/engine/log.ts';
import { describeNgrokError, type NgrokForwardConfig, type NgrokSdk } from '../../../../electron/engine/tunnel/ngrok-tunnel.ts';
import { accessModeOf, PublicAccess } from '../../../../electron/engine/tunnel/public-access.ts';
import { until } from '../../../integration/support/live.ts';

/** Plays ngrok: records each forward() and answers with the scripted outcomes, in order. */
function fakeNgrok(outcomes: (string | Error)[]) {
  const calls: NgrokForwardConfig[] = [];
  const closed: string[] = [];
  const sdk: NgrokSdk = {
    async forward(config) {
      calls.push(config);
      const next = outcomes.shift() ?? 'https://spare.ngrok.app';
      if (next instanceof Error) throw next;
      return { url: () => next, close: async () => void closed.push(next) };
    },
  };
  return { sdk, calls, closed, status: (s: string) => calls.at(-1)!.onStatusChange(s) };
}

const ngrokError = (code: string, message = `failed: ${code}`) => Object.assign(new Error(message), { errorCode: code });
const config = (over: Record<string, string> = {}) => configSchema.parse({ dataDir: '/tmp/x', ...over });

function access(fake: ReturnType<typeof fakeNgrok>, over: Record<string, string> = { publicAccess: 'ngrok', ngrokAuthtoken: 'tok_1234567' }) {
  return new PublicAccess(config(over), { listenerUrl: 'http://0.0.0.0:8000', port: 8000, logger: silentLogger, ngrok: async () => fake.sdk, retryDelaysMs: [5, 10] });
}

describe('the ngrok tunnel', () => {
  it('forwards only the public listener on loopback, with the authtoken and reserved domain', async () => {
    const fake = fakeNgrok(['https://ringside.ngrok.app']);
    const tunnel = access(fake, { publicAccess: 'ngrok', ngrokAuthtoken: 'tok_1234567', ngrokDomain: 'ringside.ngrok.app' });
    await until(() => tunnel.status().tunnel?.state === 'up', 2000, 'the tunnel');
    expect(fake.calls).toHaveLength(1);
    const { onStatusChange, ...options } = fake.calls[0]!;
    expect(options).toEqual({ addr: '127.0.0.1:8000', proto: 'http', authtoken: 'tok_1234567', domain: 'ringside.ngrok.app', session_metadata: 'Ringside public listener' });
    expect(typeof onStatusChange).toBe('function');
    expect(tunnel.status()).toMatchObject({ mode: 'ngrok', url: 'https://ringside.ngrok.app', needsAddress: false, tunnel: { state: 'up', reconnects: 0 } });
    await tunnel.stop();
    expect(fake.closed).toEqual(['https://ringside.ngrok.app']);
  });

  it('says when the connection drops, and counts it when it comes back', async () => {
    const fake = fakeNgrok(['https://a.ngrok.app']);
    const tunnel = access(fake);
    const seen: string[] = [];
    tunnel.onChange((s) => seen.push(s.tunnel!.state));
    await until(() => tunnel.status().tunnel?.state === 'up', 2000, 'the tunnel');
    fake.status('closed');
    expect(tunnel.status()).toMatchObject({ tunnel: { state: 'reconnecting', error: expect.stringContaining('reconnecting by itself') } });
    expect(tunnel.status().url).toBeUndefined();
    fake.status('connected');
    expect(tunnel.status()).toMatchObject({ url: 'https://a.ngrok.app', tunnel: { state: 'up', reconnects: 1 } });
    expect(seen).toEqual(['up', 'reconnecting', 'up']);
    await tunnel.stop();
  });

  it('retries a first connection that failed on the network, until it works', async () => {
    const fake = fakeNgrok([new Error('dial tcp: lookup connect.ngrok-agent.com: no such host'), new Error('timeout'), 'https://b.ngrok.app']);
    const tunnel = access(fake);
    await until(() => tunnel.status().tunnel?.state === 'up', 2000, 'the tunnel');
    expect(fake.calls).toHaveLength(3);
    expect(tunnel.status().url).toBe('https://b.ngrok.app');
    await tunnel.stop();
  });

  it.each([
    ['ERR_NGROK_105', /rejected the authtoken/],
    ['ERR_NGROK_320', /not reserved on this account/],
    ['ERR_NGROK_334', /already in use/],
  ])('stops at %s and says what to do', async (code, message) => {
    const fake = fakeNgrok([ngrokError(code)]);
    const tunnel = access(fake);
    await until(() => tunnel.status().tunnel?.state === 'failed', 2000, 'the failure');
    expect(tunnel.status().tunnel!.error).toMatch(message);
    expect(tunnel.status().tunnel!.error).toContain(code);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls).toHaveLength(1);
    await tunnel.stop();
  });

  it('reads error codes from the message too, and calls anything else a network problem', () => {
    expect(describeNgrokError(new Error('authentication failed: ERR_NGROK_105'))).toMatchObject({ fatal: true });
    expect(describeNgrokError(new Error('connection reset'))).toEqual({ fatal: false, message: expect.stringContaining('retrying') });
  });

  it('restarts with new settings, and closes when the mode leaves ngrok', async () => {
    const fake = fakeNgrok(['https://one.ngrok.app', 'https://two.ngrok.app']);
    const tunnel = access(fake);
    await until(() => tunnel.status().url === 'https://one.ngrok.app', 2000, 'the first tunnel');
    tunnel.reconfigure(config({ publicAccess: 'ngrok', ngrokAuthtoken: 'tok_4567890' }), new Set(['ngrokAuthtoken']));
    await until(() => tunnel.status().url === 'https://two.ngrok.app', 2000, 'the second tunnel');
    expect(fake.calls[1]!.authtoken).toBe('tok_4567890');
    expect(fake.closed).toEqual(['https://one.ngrok.app']);
    tunnel.reconfigure(config({ publicUrl: 'https://calls.example.com/' }), new Set(['publicAccess', 'publicUrl']));
    await vi.waitFor(() => expect(fake.closed).toEqual(['https://one.ngrok.app', 'https://two.ngrok.app']));
    expect(tunnel.status()).toEqual({ mode: 'own-url', url: 'https://calls.example.com', needsAddress: false });
  });

  it('without an authtoken, never calls ngrok and says which setting to set', () => {
    const fake = fakeNgrok([]);
    const tunnel = access(fake, { publicAccess: 'ngrok' });
    expect(tunnel.status().tunnel).toMatchObject({ state: 'failed', error: 'set “ngrok authtoken” (Public access) in Settings to open the tunnel' });
    expect(fake.calls).toEqual([]);
  });
});

describe('the access mode', () => {
  it('is own-url when a URL is set and no mode chosen, local otherwise', () => {
    expect(accessModeOf(config())).toBe('local');
    expect(accessModeOf(config({ publicUrl: 'https://x.example.com' }))).toBe('own-url');
    expect(accessModeOf(config({ publicUrl: 'https://x.example.com', publicAccess: 'ngrok' }))).toBe('ngrok');
    expect(() => config({ publicUrl: 'ftp://x.example.com' })).toThrow(/http\(s\) URL/);
    expect(() => config({ ngrokDomain: 'not a domain' })).toThrow(/domain name/);
  });

  it('local: the listener’s address, flagged when it binds every interface', () => {
    const local = new PublicAccess(config(), { listenerUrl: 'http://0.0.0.0:8000', port: 8000, logger: silentLogger });
    expect(local.status()).toEqual({ mode: 'local', url: 'http://0.0.0.0:8000', needsAddress: true });
  });
});
