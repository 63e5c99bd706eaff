import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveMessage } from '../../../../shared/api.ts';
import { CallRegistry } from '../../../../electron/engine/calls/registry.ts';
import { silentLogger } from '../../../../electron/engine/log.ts';
import { CallLog } from '../../../../electron/engine/store/call-log.ts';
import { openDatabase } from '../../../../electron/engine/store/database.ts';
import { startStoreWriter, type StoreWriter } from '../../../../electron/engine/store/store-writer.ts';
import type { IncomingEvent } from '../../../../electron/engine/webhooks/types.ts';

const writers: StoreWriter[] = [];
afterEach(async () => {
  await Promise.all(writers.splice(0).map((w) => w.close()));
});

/** A registry over a real store: writer thread plus a read connection, in a fresh data dir. */
async function setup() {
  const file = join(mkdtempSync(join(tmpdir(), 'ringside-store-')), 'ringside.db');
  const writer = await startStoreWriter(file);
  writers.push(writer);
  const log = new CallLog(openDatabase(file));
  return { log, registry: new CallRegistry(writer, log, silentLogger) };
}

const incoming = (providerCallId: string, type: IncomingEvent['type'], second: number, extra: Partial<IncomingEvent> = {}): IncomingEvent => ({
  provider: 'ringover',
  providerCallId,
  type,
  providerEvent: `call.${type}`,
  occurredAt: new Date(Date.UTC(2026, 10, 23, 10, 0, second)).toISOString(),
  ...extra,
});

describe('call registry and store', () => {
  it('stores a redelivered event once and answers duplicate', async () => {
    const { registry, log } = await setup();
    const first = await registry.ingest({ dedupeKey: 'call:ringing:1', event: incoming('1', 'ringing', 0), storedBody: '{"a":1}' });
    const again = await registry.ingest({ dedupeKey: 'call:ringing:1', event: incoming('1', 'ringing', 0), storedBody: '{"a":1,"attempt":2}' });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ duplicate: true });
    expect(log.counts()).toEqual({ events: 1, calls: 1 });
    expect(log.rawBodyOf(first.event!.id)).toBe('{"a":1}');
  });

  it('dedupes concurrent deliveries that land in the same group commit', async () => {
    const { registry, log } = await setup();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => registry.ingest({ dedupeKey: `k${i % 5}`, event: incoming(String(i % 5), 'ringing', i) })),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(5);
    expect(log.counts()).toEqual({ events: 5, calls: 5 });
  });

  it('emits event.appended then call.updated only for stored events', async () => {
    const { registry } = await setup();
    const messages: LiveMessage['type'][] = [];
    registry.subscribe((m) => messages.push(m.type));
    await registry.ingest({ dedupeKey: 'a', event: incoming('9', 'ringing', 0) });
    await registry.ingest({ dedupeKey: 'a', event: incoming('9', 'ringing', 0) });
    expect(messages).toEqual(['event.appended', 'call.updated']);
  });

  it('keeps events that belong to no call out of the call list', async () => {
    const { registry, log } = await setup();
    await registry.ingest({ dedupeKey: 'sms-1', event: { ...incoming('x', 'sms', 0), providerCallId: undefined } });
    expect(log.counts()).toEqual({ events: 1, calls: 0 });
  });

  it('lists calls newest first, by state, with a cursor that loses nothing', async () => {
    const { registry, log } = await setup();
    for (let i = 0; i < 7; i++) await registry.ingest({ dedupeKey: `r${i}`, event: incoming(String(i), 'ringing', 10) });
    await registry.ingest({ dedupeKey: 'end3', event: incoming('3', 'ended', 20) });
    const seen: string[] = [];
    let page = log.listCalls({ limit: 3 });
    seen.push(...page.calls.map((c) => c.id));
    while (page.nextBefore) {
      page = log.listCalls({ limit: 3, before: page.nextBefore });
      seen.push(...page.calls.map((c) => c.id));
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(log.listCalls({ state: 'ended' }).calls.map((c) => c.id)).toEqual(['ringover-3']);
    expect(log.listCalls({ state: 'live' }).calls).toHaveLength(6);
    expect(log.listCalls({ before: '2026-11-23T10:00:10.000Z' }).calls).toHaveLength(0);
  });

  it('finds calls by number as typed, by digits, by national number, by name and by provider id', async () => {
    const { registry, log } = await setup();
    await registry.ingest({
      dedupeKey: 'x',
      event: incoming('1234567890987654321', 'ringing', 0, { from: { number: '+33 6 12 34 56 78', name: 'Claire Dubois' } }),
    });
    await registry.ingest({ dedupeKey: 'y', event: incoming('2', 'ringing', 0, { from: { number: '+44 20 7946 0000' } }) });
    const ids = (q: string) => log.listCalls({ q }).calls.map((c) => c.providerCallId);
    expect(ids('612345678')).toEqual(['1234567890987654321']);
    expect(ids('06 12 34 56 78')).toEqual(['1234567890987654321']);
    expect(ids('claire')).toEqual(['1234567890987654321']);
    expect(ids('1234567890987654321')).toEqual(['1234567890987654321']);
    expect(ids('7946')).toEqual(['2']);
    expect(ids('100%')).toEqual([]);
  });

  it('lists live calls from memory exactly as the store would, search and cursor included', async () => {
    const { registry, log } = await setup();
    for (let i = 0; i < 9; i++) {
      await registry.ingest({ dedupeKey: `r${i}`, event: incoming(String(i), 'ringing', i % 3, { from: { number: `+33 6 00 00 00 0${i}` } }) });
    }
    await registry.ingest({ dedupeKey: 'end4', event: incoming('4', 'ended', 30) });
    for (const query of [{}, { q: '0600000003' }, { q: '+33 6' }, { limit: 4 }, { limit: 2, before: '2026-11-23T10:00:02.000Z' }]) {
      const fromStore = log.listCalls({ ...query, state: 'live' });
      expect(registry.listLive(query), JSON.stringify(query)).toEqual(fromStore);
    }
    let cursor = registry.listLive({ limit: 3 });
    const seen = cursor.calls.map((c) => c.id);
    while (cursor.nextBefore) {
      cursor = registry.listLive({ limit: 3, before: cursor.nextBefore });
      seen.push(...cursor.calls.map((c) => c.id));
    }
    expect(seen).toHaveLength(8);
    expect(seen).not.toContain('ringover-4');
  });

  it('remembers when each provider last delivered', async () => {
    const { registry, log } = await setup();
    expect(log.lastEventAt('ringover')).toBeUndefined();
    await registry.ingest({ dedupeKey: 'a', event: incoming('1', 'ringing', 0), receivedAt: '2026-11-23T10:00:05.000Z' });
    await registry.ingest({ dedupeKey: 'b', event: incoming('1', 'answered', 1), receivedAt: '2026-11-23T10:00:09.000Z' });
    expect(log.lastEventAt('ringover')).toBe('2026-11-23T10:00:09.000Z');
    expect(log.lastEventAt('ringg')).toBeUndefined();
  });

  it('rejects a malformed cursor with a 400 that says what it accepts', async () => {
    const { log } = await setup();
    expect(() => log.listCalls({ before: 'yesterday' })).toThrow(/ISO date, epoch milliseconds or a nextBefore cursor/);
  });
});
