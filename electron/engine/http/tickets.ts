// Short-lived tickets for the console's URLs that cannot carry the token in a header: a WebSocket
// (`/api/live`, `/api/calls/:id/listen`) or an `<audio>` source (`/api/calls/:id/recording`). A
// ticket is 192 random bits, opaque, bound to what it was issued for, and expires on its own: a
// URL that leaks (history, a log, a screenshot) opens nothing for long, and never the whole API.
import { randomBytes } from 'node:crypto';
import { TICKET_LIFETIME_MS, type Ticket, type TicketRequest } from '../../../shared/api.ts';

/** Outstanding tickets kept at most; past that the oldest go first (memory stays bounded). */
const MAX_TICKETS = 10_000;

interface Issued {
  request: TicketRequest;
  expiresAt: number;
  singleUse: boolean;
}

export class TicketBook {
  private readonly tickets = new Map<string, Issued>();
  private readonly now: () => number;

  /** `now`: milliseconds since the epoch (tests pass a clock they move). */
  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** A new ticket for `request`: single use for 30 s for a WebSocket, 5 minutes of reuse for a recording. */
  issue(request: TicketRequest): Ticket {
    this.prune();
    const singleUse = request.use !== 'recording';
    const expiresAt = this.now() + (singleUse ? TICKET_LIFETIME_MS.socket : TICKET_LIFETIME_MS.recording);
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, { request, expiresAt, singleUse });
    while (this.tickets.size > MAX_TICKETS) this.tickets.delete(this.tickets.keys().next().value!);
    return { ticket, expiresAt: new Date(expiresAt).toISOString(), singleUse };
  }

  /**
   * What `ticket` was issued for, when it is still valid; undefined for an unknown, used or expired
   * one. A single-use ticket is used up by this call, whatever the caller does next.
   */
  redeem(ticket: string): TicketRequest | undefined {
    const issued = this.tickets.get(ticket);
    if (!issued) return undefined;
    if (issued.singleUse || issued.expiresAt <= this.now()) this.tickets.delete(ticket);
    return issued.expiresAt > this.now() ? issued.request : undefined;
  }

  private prune(): void {
    const now = this.now();
    for (const [ticket, issued] of this.tickets) if (issued.expiresAt <= now) this.tickets.delete(ticket);
  }
}
