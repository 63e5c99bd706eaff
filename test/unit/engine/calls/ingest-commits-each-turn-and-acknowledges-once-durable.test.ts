// Ingest, the one door to the store: an idle writer starts on a delivery at once, a busy one gets
// what arrives in one turn of the event loop as one batch, each delivery is acknowledged only once
// durable (a fresh connection reads it), what was stored is handed on in order (duplicates are
// not), and close() drains before refusing.
import { describe, expect, it } from 'vitest';
import { Ingest, StoppingError, type Stored } from '../../../../electron/engine/calls/ingest.ts';
import { silentLogger } from '../../../../electron/engine/log.ts';
import { CallStore } from '../../../../electron/engine/store/call-store.ts';
import { openDatabase } from '../../../../electron/engine/store/database.ts';
import type { Delivery, StoreWriter } from '../../../../electron/engine/store/store-writer.ts';
import { incoming, openRealStore } from '../support/real-store.ts';

/**
 * Ingest over a real writer whose batches are counted; `stored` records what it hands on. With
 * `gate`, the writer takes no batch further until the gate opens (it is busy until then).
 */
async function setup(gate: Promise<void> = Promise.resolve()) {
  const batches: number[] = [];
  const count = (writer: StoreWriter): StoreWriter => ({
    ...writer,
    write: (deliveries: Delivery[]) => (batches.push(deliveries.length), gate.then(() => writer.write(deliveries))),
  });
  const { file, writer } = await openRealStore({ wrap: count });
  const handedOn: Stored[] = [];
  const ingest = new Ingest(writer, silentLogger, (stored) => handedOn.push(stored));
  return { file, ingest, batches, handedOn };
}

const delivery = (key: string, call = key): Delivery => ({ dedupeKey: key, event: incoming(call) });

describe('ingest', () => {
  it('sends what arrives in one turn of the event loop to the writer as one batch', async () => {
    const { ingest, batches } = await setup();
    await Promise.all(['a', 'b', 'c', 'd'].map((key) => ingest.store(delivery(key))));
    await ingest.store(delivery('e'));
    expect(batches).toEqual([4, 1]);
  });

  it('starts an idle writer on a delivery at once, and gives a busy one what arrives meanwhile together', async () => {
    let open!: () => void;
    const { ingest, batches } = await setup(new Promise<void>((resolve) => (open = resolve)));
    const first = ingest.store(delivery('a'));
    await Promise.resolve();
    expect(batches).toEqual([1]); // before the turn ends
    const second = ingest.store(delivery('b'));
    await Promise.resolve();
    const third = ingest.store(delivery('c')); // a later callback of the same turn
    await Promise.resolve();
    expect(batches).toEqual([1]); // the writer is busy: they wait for the end of the turn
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([1, 2]);
    open();
    const results = await Promise.all([first, second, third]);
    expect(results.map((r) => r.duplicate)).toEqual([false, false, false]);
  });

  it('acknowledges a delivery only once another connection can read it', async () => {
    const { file, ingest } = await setup();
    const reader = new CallStore(openDatabase(file));
    try {
      const result = await ingest.store(delivery('durable', '7'));
      expect(reader.eventsFor('ringover-7').map((event) => event.id)).toEqual([result.event!.id]);
    } finally {
      reader.db.close();
    }
  });

  it('hands on each stored delivery in order, and no duplicate', async () => {
    const { ingest, handedOn } = await setup();
    await Promise.all([ingest.store(delivery('x', '1')), ingest.store(delivery('y', '2')), ingest.store(delivery('x', '1'))]);
    expect(handedOn.map(({ event, call }) => [event?.callId, call?.state])).toEqual([
      ['ringover-1', 'ringing'],
      ['ringover-2', 'ringing'],
    ]);
  });

  it('drains what was offered when it closes, then refuses, saying to deliver again', async () => {
    const { ingest, handedOn } = await setup();
    const offered = ['p', 'q', 'r'].map((key) => ingest.store(delivery(key)));
    await ingest.close();
    expect(handedOn).toHaveLength(3);
    await expect(Promise.all(offered)).resolves.toHaveLength(3);
    const refused = await ingest.store(delivery('late')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoppingError);
    expect((refused as Error).message).toMatch(/deliver it again once Ringside runs/);
  });
});
