// Posts Ringover webhooks the way Ringover does: an envelope signed by an HS512 JWT that carries
// the exact body ({url, payload}) in X-Ringover-Webhook-Signature.
import { createSigner } from 'fast-jwt';

export interface RingoverCallData {
  callId: string;
  direction: 'in' | 'out';
  from: string;
  to: string;
  fromName?: string;
  agent?: { firstname: string; lastname: string; email: string };
  durationSeconds?: number;
}

export class RingoverWebhookSender {
  private readonly url: string;
  private readonly sign: (payload: Record<string, unknown>) => string;

  /** `baseUrl` is the engine's public URL; `key` the call-events JWT key (or the shared secret). */
  constructor(baseUrl: string, key: string) {
    this.url = `${baseUrl.replace(/\/+$/, '')}/webhooks/ringover`;
    this.sign = createSigner({ key, algorithm: 'HS512' });
  }

  /** Sends one call event; resolves with the HTTP status (throws on network errors). */
  async send(event: 'ringing' | 'answered' | 'hangup' | 'missed', call: RingoverCallData, attempt = 1): Promise<number> {
    const body = envelope(event, call, attempt);
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ringover-webhook-signature': this.sign({ url: this.url, payload: body }) },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  }
}

/** The body as Ringover writes it, call_id a bare (possibly > 2^53) number. */
function envelope(event: string, call: RingoverCallData, attempt: number): string {
  const data = {
    id: `sim-${call.callId}`,
    direction: call.direction,
    from_number: call.from,
    to_number: call.to,
    ...(call.fromName && { from_name: call.fromName }),
    ...(call.agent && { user: call.agent }),
    ...(call.durationSeconds !== undefined && { duration_in_seconds: call.durationSeconds }),
  };
  const rest = JSON.stringify(data).slice(1);
  const timestamp = (Date.now() / 1000).toFixed(3);
  return `{"resource":"call","event":"${event}","timestamp":${timestamp},"attempt":${attempt},"data":{"call_id":${call.callId},${rest}}`;
}
