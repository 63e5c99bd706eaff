import type { IncomingHttpHeaders } from 'node:http';
import type { Provider } from '../../../shared/call.ts';
import type { IncomingEvent } from '../store/store-writer.ts';

export type { IncomingEvent };
import type { ConfigKey } from '../../../shared/setting-catalog.ts';
import { nameSetting } from '../../../shared/setting-names.ts';

export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Path the delivery arrived on, e.g. `/webhooks/ringover`. */
  path: string;
}


export interface AcceptedDelivery {
  ok: true;
  /** Redeliveries of one event share this key (unique per provider). */
  dedupeKey: string;
  event: IncomingEvent;
  /** The raw body as it is kept: verbatim, except a secret carried in the body is masked. */
  storedBody: string;
}

export interface RejectedDelivery {
  ok: false;
  status: 400 | 401 | 503;
  error: string;
}

export type DeliveryVerdict = AcceptedDelivery | RejectedDelivery;

export interface WebhookProvider {
  readonly name: Provider;
  /** The setting to set when this provider cannot verify anything yet; undefined once configured. */
  missingSetting(): ConfigKey | undefined;
  /**
   * Checks what can be checked before the body is whole, so a forgery is refused without reading
   * it: the headers (`bodyStart` undefined), then the start of the body as it arrives (its first
   * bytes, possibly cut anywhere). Returns a rejection only when it is certain; `accept` still
   * checks everything.
   */
  screen?(headers: IncomingHttpHeaders, bodyStart?: Buffer): RejectedDelivery | undefined;
  /** Verifies, parses and normalizes one delivery. Synchronous, and never throws for bad input. */
  accept(request: WebhookRequest): DeliveryVerdict;
}

/** Throws a `screen` rejection (to stop reading a body); nothing for undefined. */
export function throwIfScreenedOut(rejection: RejectedDelivery | undefined): void {
  if (rejection) throw new ScreenedOutError(rejection);
}

/** Thrown while a body is read, when `screen` refused its start. */
export class ScreenedOutError extends Error {
  readonly rejection: RejectedDelivery;
  constructor(rejection: RejectedDelivery) {
    super(rejection.error);
    this.name = 'ScreenedOutError';
    this.rejection = rejection;
  }
}

export const reject = (status: RejectedDelivery['status'], error: string): RejectedDelivery => ({
  ok: false,
  status,
  error,
});

/**
 * 503 for a delivery this provider cannot verify yet, naming the setting for whoever set Ringside up
 * (in the console or by the environment): `setting`, or else `orElse`.
 */
export const notConfigured = (provider: string, setting: ConfigKey, orElse?: ConfigKey): RejectedDelivery =>
  reject(
    503,
    `${provider} webhooks are not configured: set ${nameSetting(setting, 'peer')}${orElse ? ` (or ${nameSetting(orElse, 'peer')})` : ''} to the secret from the ${provider} dashboard`,
  );
