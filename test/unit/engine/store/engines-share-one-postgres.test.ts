// Several engines on one PostgreSQL: migrations run once however many engines start together, a
// redelivery is recognised whichever engine took the first delivery, and folds made by two engines
// at once on the same call are never lost (each call keeps every fact both engines stored).
import { describe, expect, it } from 'vitest';
import { openPgStore } from '../../../../electron/engine/store/pg/pg-store.ts';
import { freshSchema, postgresUnavailable, TEST_DATABASE_URL } from '../support/postgres.ts';
import { incoming, openBackend } from '../support/real-store.ts';

const missing = (await postgresUnavailable()) !== undefined;

describe.skipIf(missing)('engines sharing one PostgreSQL', () => {
  it('migrate once when eight engines start together', async () => {
    const schema = freshSchema();
    const stores = await Promise.all(Array.from({ length: 8 }, () => openPgStore({ url: TEST_DATABASE_URL, schema })));
    try {
      const { rows } = await stores[0]!.pool.query<{ version: number }>('SELECT version FROM ringside_schema');
      expect(rows).toEqual([{ version: 1 }]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('store each delivery once when redeliveries are spread over three engines', async () => {
    const a = await openBackend('postgres');
    const b = await openBackend('postgres', { schema: a.schema });
    const c = await openBackend('postgres', { schema: a.schema });
    const engines = [a, b, c];
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => engines[i % 3]!.calls.ingest.store({ dedupeKey: `ring-${i % 20}`, event: incoming(String(i % 20), 'ringing', i % 20) })),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(20);
    expect(await c.reads.counts()).toEqual({ events: 20, calls: 20 });
  });

  it('keep every fact when two engines fold events of the same calls at once', async () => {
    const a = await openBackend('postgres');
    const b = await openBackend('postgres', { schema: a.schema });
    const ids = Array.from({ length: 30 }, (_, i) => String(i));
    await Promise.all([
      ...ids.map((id) => a.calls.ingest.store({ dedupeKey: `answered-${id}`, event: incoming(id, 'answered', 5, { tags: ['from-a'] }) })),
      ...ids.map((id) => b.calls.ingest.store({ dedupeKey: `ended-${id}`, event: incoming(id, 'ended', 40, { comments: 'from b' }) })),
    ]);
    for (const id of ids) {
      const call = await a.reads.getCall(`ringover-${id}`);
      expect(call, id).toMatchObject({ state: 'ended', answeredAt: '2026-11-23T10:00:05.000Z', tags: ['from-a'], comments: 'from b' });
    }
  });

  it('refuse a database URL that does not answer, saying which setting to check', async () => {
    await expect(openPgStore({ url: 'postgres://nobody@127.0.0.1:1/none', schema: freshSchema() })).rejects.toThrow(/--database-url/);
  });
});

