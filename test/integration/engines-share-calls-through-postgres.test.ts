// Three engines on one PostgreSQL (`--database-url`): webhooks spread over all three, redeliveries
// included, are stored once each and answered 2xx only once committed; every engine's console then
// lists the same calls and timelines, whichever engine took their events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { ringoverBody, signRingoverHmac } from '../fakes/webhook-signers.ts';
import { freshSchema, postgresUnavailable, TEST_DATABASE_URL } from '../unit/engine/support/postgres.ts';
import { consoleGet, consolePost, post, SECRETS, startEngine } from './support/engine.ts';

const missing = (await postgresUnavailable()) !== undefined;

describe.skipIf(missing)('engines sharing one PostgreSQL', () => {
  const engines: Engine[] = [];
  beforeAll(async () => {
    const databaseSchema = freshSchema();
    // Started together: the schema is migrated once, whichever engine gets there first.
    engines.push(...(await Promise.all([0, 1, 2].map(() => startEngine({ databaseUrl: TEST_DATABASE_URL }, { databaseSchema })))));
  });
  afterAll(() => Promise.all(engines.map((e) => e.stop())));

  it('store webhooks spread over three engines once each, redeliveries answered duplicate', async () => {
    const deliveries = Array.from({ length: 45 }, (_, i) => {
      const call = String(9000 + (i % 15));
      const event = (['ringing', 'answered', 'hangup'] as const)[Math.floor(i / 15)]!;
      return { call, event, attempt: 1 };
    });
    // Every delivery sent twice, to two different engines, at once.
    const replies = await Promise.all(
      deliveries.flatMap(({ call, event }, i) =>
        [0, 1].map((attempt) =>
          post(engines[(i + attempt) % 3]!.publicUrl, signRingoverHmac(ringoverBody(event, call, {}, 'call', attempt + 1, `17000001${String(i).padStart(2, '0')}.5`), SECRETS.RINGOVER_WEBHOOK_SECRET)),
        ),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies.filter((r) => r.body.duplicate === false)).toHaveLength(45);
    for (const engine of engines) {
      const health = await consoleGet(engine, '/api/health');
      expect((health.body.store as { events: number }).events).toBe(45);
      const list = await consoleGet(engine, '/api/calls?state=ended&limit=100');
      expect((list.body.calls as unknown[]).length).toBe(15);
      const detail = await consoleGet(engine, '/api/calls/ringover-9003');
      expect(detail.body.call).toMatchObject({ state: 'ended' });
      expect((detail.body.events as unknown[]).length).toBe(3);
    }
  });

  it('answer a number\'s find, export and erasure with 501: they need the embedded store in this version', async () => {
    for (const action of ['find', 'export', 'erase']) {
      const reply = await consolePost(engines[0]!, `/api/privacy/${action}`, { number: '+33612345678' });
      expect(reply.status, action).toBe(501);
      expect(reply.body.error, action).toMatch(/embedded store \(SQLite\)/);
    }
    expect(engines[0]!.retention).toBeUndefined();
  });
});
