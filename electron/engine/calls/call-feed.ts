// The live feed: every message the consoles follow (a stored event, a call's new view, transcript
// lines as they form, waveform peaks). A new subscriber first gets the live calls as they are now,
// then what else it needs to start with (the streamed calls' recent waveform peaks), so no
// consumer reads the live calls itself to start in sync.
import type { LiveListener, LiveMessage } from '../../../shared/api.ts';
import type { Logger } from '../log.ts';
import type { LiveCalls } from './live-calls.ts';

export class CallFeed {
  private readonly live: LiveCalls;
  private readonly logger: Logger;
  private readonly listeners = new Set<LiveListener>();
  private readonly openings: (() => LiveMessage | undefined)[] = [];
  /** Where this engine's own messages also go (the other engines of a cluster); not their messages. */
  private relay: ((message: LiveMessage) => void) | undefined;

  constructor(live: LiveCalls, logger: Logger) {
    this.live = live;
    this.logger = logger;
  }

  /**
   * Adds what a new subscriber gets after the live calls (a message made at that moment, or
   * nothing): the streamed calls' recent waveform peaks.
   */
  addOpening(opening: () => LiveMessage | undefined): void {
    this.openings.push(opening);
  }

  /**
   * Calls `listener` with a `call.updated` for each live call, then with each opening's message
   * (before `subscribe` returns), then with every message published; returns the function that
   * unsubscribes. A listener that throws is logged and stays subscribed.
   */
  subscribe(listener: LiveListener): () => void {
    for (const call of this.live.list()) this.deliver(listener, { type: 'call.updated', call });
    for (const opening of this.openings) {
      const message = opening();
      if (message) this.deliver(listener, message);
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends `message` to every subscriber, in the order they subscribed (and to the cluster's other engines). */
  publish(message: LiveMessage): void {
    for (const listener of this.listeners) this.deliver(listener, message);
    this.relay?.(message);
  }

  /** Sends this engine's own messages to the other engines of a cluster too. */
  relayTo(relay: (message: LiveMessage) => void): void {
    this.relay = relay;
  }

  /** A message another engine published: to every subscriber here, never back to the cluster. */
  publishFromPeer(message: LiveMessage): void {
    for (const listener of this.listeners) this.deliver(listener, message);
  }

  /** What only memory knows of a call changed (stream figures, the bot's state): publishes its current view. */
  publishCall(callId: string): void {
    const call = this.live.get(callId);
    if (call) this.publish({ type: 'call.updated', call });
  }

  private deliver(listener: LiveListener, message: LiveMessage): void {
    try {
      listener(message);
    } catch (error) {
      this.logger.error('live listener failed', { error, type: message.type });
    }
  }
}
