// The one door for calls, in four parts: ingest (events into the store, acknowledged once durable),
// the live calls (memory, with their overlays), the feed (live messages, the live calls first to
// each new subscriber) and the timeline (the engine's own events, written through ingest).
import { callIdFor } from '../../../shared/call.ts';
import type { Logger } from '../log.ts';
import { ownNumbersOf, redactionOptions, type RedactionSettings } from '../privacy/policy.ts';
import { redactDelivery } from '../privacy/redact-event.ts';
import type { CallStore } from '../store/call-store.ts';
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
export function createCalls({ writer, store, logger, redaction }: { writer: StoreWriter; store: CallStore; logger: Logger; redaction?: () => RedactionSettings }): Calls {
  const live = new LiveCalls(store);
  const feed = new CallFeed(live, logger);
  const ingest = new Ingest(
    writer,
    logger,
    ({ event, call }) => {
      if (call) live.track(call);
      if (event) feed.publish({ type: 'event.appended', event });
      if (call) feed.publish({ type: 'call.updated', call: live.view(call) });
    },
    // Card numbers and IBANs never reach the store (nor anything read from it: history, search,
    // exports); e-mails and other phone numbers neither when the settings say so.
    (delivery) => {
      const settings = redaction?.() ?? { redactEmails: 'keep', redactPhones: 'keep' };
      const { event } = delivery;
      const known = settings.redactPhones === 'hide' && event.providerCallId ? live.get(callIdFor(event.provider, event.providerCallId)) : undefined;
      return redactDelivery(delivery, redactionOptions(settings, [...ownNumbersOf(event), ...ownNumbersOf(known)]));
    },
  );
  const timeline = new Timeline((delivery) => ingest.store(delivery), logger);
  return { ingest, live, feed, timeline };
}
