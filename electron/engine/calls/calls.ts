// The one door for calls, in four parts: ingest (events into the store, acknowledged once durable),
// the live calls (memory, with their overlays), the feed (live messages, the live calls first to
// each new subscriber) and the timeline (the engine's own events, written through ingest).
import type { Logger } from '../log.ts';
import type { CallReads } from '../store/call-reads.ts';
import type { StoreWriter } from '../store/store-writer.ts';
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
 * Wires the four parts over the store: what ingest stores updates the live calls, then goes on the
 * feed (the event, then the call as every view shows it).
 */
export async function createCalls({ writer, store, logger }: { writer: StoreWriter; store: CallReads; logger: Logger }): Promise<Calls> {
  const live = await new LiveCalls(store).load();
  const feed = new CallFeed(live, logger);
  const ingest = new Ingest(writer, logger, ({ event, call }) => {
    if (call) live.track(call);
    if (event) feed.publish({ type: 'event.appended', event });
    if (call) feed.publish({ type: 'call.updated', call: live.view(call) });
  });
  const timeline = new Timeline((delivery) => ingest.store(delivery), logger);
  return { ingest, live, feed, timeline };
}
