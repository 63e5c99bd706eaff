import { describe, expect, it } from 'vitest';
import { configSchema, secretsOf } from '../../../electron/engine/config/schema.ts';
import { createLogger } from '../../../electron/engine/log.ts';
import { CONFIG_KEYS, isSecret } from '../../../shared/setting-catalog.ts';

describe('structured logs', () => {
  it('write one JSON line per entry with the fields given', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l) }).child({ provider: 'ringover' });
    log.warn('webhook rejected', { status: 401 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'webhook rejected', provider: 'ringover', status: 401 });
  });

  it('scrub every configured secret, wherever it appears', () => {
    const lines: string[] = [];
    const secret = 'whsec_"quoted"\\value';
    const log = createLogger({ secrets: [secret, undefined, 'tok-123456'], write: (l) => lines.push(l) });
    log.error(`failed with ${secret}`, { header: `Bearer tok-123456`, nested: { again: secret }, error: new Error(`bad key ${secret}`) });
    expect(lines[0]).not.toContain('quoted');
    expect(lines[0]).not.toContain('tok-123456');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'failed with [redacted]', header: 'Bearer [redacted]', error: { message: 'bad key [redacted]' } });
  });

  it('scrub a secret set at runtime in loggers made before it, children included', () => {
    const lines: string[] = [];
    const root = createLogger({ write: (l) => lines.push(l) });
    const child = root.child({ callId: 'c1' });
    root.addSecrets(['sk-set-from-the-console']);
    child.info('using sk-set-from-the-console');
    expect(lines[0]).not.toContain('sk-set-from-the-console');
  });

  it('scrub every secret the configuration accepts, from its shortest on, and a header value\'s credential alone', () => {
    const config = configSchema.parse({ dataDir: '/tmp/x', ringyoWebhookSecret: '8-chars!', ringgWebhookToken: 'Bearer ringg-cred' });
    const lines: string[] = [];
    const log = createLogger({ secrets: secretsOf(config), write: (l) => lines.push(l) });
    log.warn('seen 8-chars! and ringg-cred and Bearer ringg-cred');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'seen [redacted] and [redacted] and [redacted]' });
    expect(() => configSchema.parse({ dataDir: '/tmp/x', ringyoWebhookSecret: '7-chars' })).toThrow(/at least 8 characters/);
  });

  it('drop entries below the configured level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', write: (l) => lines.push(l) });
    log.info('chatty');
    log.debug('chattier');
    log.warn('kept');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['kept']);
  });

  it('know every secret setting of the catalog, so the engine scrubs them all', () => {
    const secretKeys = CONFIG_KEYS.filter(isSecret);
    // The URLs that hold a password must still look like URLs.
    const valueOf = (key: string) => (key === 'databaseUrl' ? 'postgres://value-of-databaseUrl' : key === 'natsUrl' ? 'nats://value-of-natsUrl' : `value-of-${key}`);
    const config = configSchema.parse({ dataDir: '/tmp/x', ...Object.fromEntries(secretKeys.map((key) => [key, valueOf(key)])) });
    expect(secretsOf(config)).toEqual(expect.arrayContaining(secretKeys.map(valueOf)));
  });
});
