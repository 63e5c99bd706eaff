// The engine's own events on a call's timeline (a stream connecting, a command, the bot's turns, a
// take-over): one way to write them, with one dedupe scheme, stored durably in the background.
import { randomUUID } from 'node:crypto';
import { parseCallId, type CallEventType } from '../../../shared/call.ts';
import type { Logger } from '../log.ts';
import type { Delivery, IngestResult } from '../store/store-writer.ts';
import type { IncomingEvent } from '../store/store-writer.ts';

/** What one engine-made event says; the call and the time are added by the timeline. */
export interface TimelineEntry extends Partial<Omit<IncomingEvent, 'provider' | 'providerCallId' | 'type' | 'providerEvent' | 'occurredAt'>> {
  type: CallEventType;
  /** Namespaced name shown in the timeline, e.g. `stream.connected`, `command.break`, `bot.turn`. */
  providerEvent: string;
  detail?: Record<string, unknown>;
  /**
   * Entries that may be written twice for one fact (a stream state seen by two code paths) name
   * it here and are stored once; by default every entry is its own event.
   */
  onceKey?: string;
  /** When it happened, in ms since the epoch, for a fact recorded after it began (a take-over span); now by default. */
  at?: number;
}

export class Timeline {
  private readonly ingest: (delivery: Delivery) => Promise<IngestResult>;
  private readonly logger: Logger;
  private readonly now: () => number;

  /** `ingest`: the door to the store (acknowledges once durable); `now`: the clock, in ms. */
  constructor(ingest: (delivery: Delivery) => Promise<IngestResult>, logger: Logger, now: () => number = Date.now) {
    this.ingest = ingest;
    this.logger = logger;
    this.now = now;
  }

  /**
   * Appends `entry` to the timeline of `callId` (an id made by `callIdFor`), in the background; the
   * promise resolves once it is stored (or known lost) and never rejects: a store failure is logged
   * (the event is lost, the call goes on). The dedupe key is
   * `engine:<providerEvent>:<onceKey or a random id>`, so engine events never collide with a
   * provider's own keys.
   */
  record(callId: string, { onceKey, providerEvent, at, ...entry }: TimelineEntry): Promise<void> {
    const call = parseCallId(callId);
    if (!call) {
      this.logger.error('timeline entry for a call id Ringside did not make', { providerEvent });
      return Promise.resolve();
    }
    const event: IncomingEvent = { ...entry, ...call, providerEvent, occurredAt: new Date(at ?? this.now()).toISOString() };
    return this.ingest({ dedupeKey: `engine:${providerEvent}:${onceKey ?? randomUUID()}`, event }).then(
      () => undefined,
      (error: unknown) => this.logger.error('could not store a timeline event', { providerEvent, error }),
    );
  }
}
