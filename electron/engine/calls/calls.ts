// The one door for calls, in four parts: ingest (events into the store, acknowledged once durable),
// the live calls (memory, with their overlays), the feed (live messages, the live calls first to
// each new subscriber) and the timeline (the engine's own events, written through ingest).
import { callIdFor, type Call } from '../../../shared/call.ts';
import type { Logger } from '../log.ts';
import type { CallReads } from '../store/call-reads.ts';
import type { Delivery, StoreWriter } from '../store/store-writer.ts';
import { CallFeed } from './call-feed.ts';
import { Ingest } from './ingest.ts';
import { LiveCalls } from './live-calls.ts';
import { Timeline } from './timeline.ts';

export interface Calls {
  ingest: Ingest;
  live: LiveCalls;
  feed: CallFeed;
  timeline: Timeline;
}

/**
 * What a delivery becomes before it is stored (redaction: privacy/redact-event.ts); `call` reads the
 * call it belongs to as known so far (undefined for a new call or none), only when needed.
 */
export type PrepareDelivery = (delivery: Delivery, call: () => Call | undefined) => Delivery;

/**
 * Wires the four parts over the store: what ingest stores updates the live calls, then goes on the
 * feed (the event, then the call as every view shows it); `prepare` redacts each delivery first.
 */
export async function createCalls({ writer, store, logger, prepare }: { writer: StoreWriter; store: CallReads; logger: Logger; prepare?: PrepareDelivery }): Promise<Calls> {
  const live = await new LiveCalls(store).load();
  const feed = new CallFeed(live, logger);
  const ingest = new Ingest(
    writer,
    logger,
    ({ event, call }) => {
      if (call) live.track(call);
      if (event) feed.publish({ type: 'event.appended', event });
      if (call) feed.publish({ type: 'call.updated', call: live.view(call) });
    },
    prepare && ((delivery) => prepare(delivery, () => (delivery.event.providerCallId ? live.get(callIdFor(delivery.event.provider, delivery.event.providerCallId)) : undefined))),
  );
  const timeline = new Timeline((delivery) => ingest.store(delivery), logger);
  return { ingest, live, feed, timeline };
}
