// Who is on a call: the contact's name and company for a caller's number (Ringover's contacts,
// looked up once per number and kept for a lifetime), and the agent's name for a Ringover user id
// (the team's users, listed once per lifetime). Lookups run in the background: a view asks for what
// is known now, and hears (`learned`) when a lookup brought something new, to show it.
import type { Call, Party } from '../../../shared/call.ts';
import type { Logger } from '../log.ts';
import { RingoverApiError, type RingoverApi } from './api-client.ts';
import { toE164 } from './phone-numbers.ts';
import { listOf, readContact, readUser, type ApiUser } from './records.ts';
import { TtlCache } from './ttl-cache.ts';

export interface ContactName {
  name?: string;
  company?: string;
}

export interface DirectoryOptions {
  api: RingoverApi;
  logger: Logger;
  /** How long a name (or the knowledge that a number has none) is kept, in ms (default 1 hour). */
  ttlMs?: number;
  /** Hears of a number (E.164) whose name was just learned, or (no number) of the users' names. */
  learned?: (keys: { number?: string; userId?: string }) => void;
}

export class Directory {
  private readonly api: RingoverApi;
  private readonly logger: Logger;
  private readonly ttlMs: number;
  private readonly contacts: TtlCache<ContactName>;
  private readonly pending = new Map<string, Promise<ContactName>>();
  private usersList: TtlCache<ApiUser[]>;
  private usersPending: Promise<ApiUser[]> | undefined;
  private usersRetryAt = 0;
  learned: (keys: { number?: string; userId?: string }) => void;

  constructor({ api, logger, ttlMs = 3_600_000, learned }: DirectoryOptions) {
    this.api = api;
    this.logger = logger;
    this.ttlMs = ttlMs;
    this.contacts = new TtlCache(ttlMs);
    this.usersList = new TtlCache(ttlMs, 1);
    this.learned = learned ?? (() => undefined);
  }

  /** Forgets every name (the key changed). */
  clear(): void {
    this.contacts.clear();
    this.usersList = new TtlCache(this.ttlMs, 1);
    this.usersRetryAt = 0;
  }

  /** The name known now for `number` (in any format); starts a lookup when none was made. */
  contactNow(number: string | undefined): ContactName | undefined {
    const e164 = toE164(number);
    if (!e164 || !this.api.configured) return undefined;
    const known = this.contacts.get(e164);
    if (known) return known;
    void this.contact(e164);
    return undefined;
  }

  /** The contact for `number`, looked up once per lifetime (concurrent asks share one request). */
  async contact(number: string): Promise<ContactName> {
    const e164 = toE164(number);
    if (!e164) return {};
    const known = this.contacts.get(e164);
    if (known) return known;
    let lookup = this.pending.get(e164);
    if (!lookup) {
      lookup = this.lookUp(e164).finally(() => this.pending.delete(e164));
      this.pending.set(e164, lookup);
    }
    return lookup;
  }

  /** The user's name known now; starts listing the users when the list is not fresh. */
  userNow(userId: string | undefined): string | undefined {
    if (!userId || !this.api.configured) return undefined;
    const users = this.usersList.get('all');
    if (users) return users.find((u) => u.id === userId)?.name;
    if (Date.now() < this.usersRetryAt) return undefined;
    // A missing right or an outage: ask again in a few minutes, not at every view.
    void this.users().catch(() => (this.usersRetryAt = Date.now() + 5 * 60_000));
    return undefined;
  }

  /** The team's users (listed once per lifetime). Throws `RingoverApiError` when they cannot be listed. */
  async users(): Promise<ApiUser[]> {
    const known = this.usersList.get('all');
    if (known) return known;
    this.usersPending ??= this.listUsers().finally(() => (this.usersPending = undefined));
    return this.usersPending;
  }

  /** `call` with the names Ringside knows for its parties and agent (as they are now). */
  overlay = (call: Call): Call => {
    if (call.provider !== 'ringover' && !call.from.number) return call;
    const from = this.withName(call.from);
    const to = this.withName(call.to);
    const agentName = call.provider === 'ringover' && call.agent?.id && !call.agent.name ? this.userNow(call.agent.id) : undefined;
    if (from === call.from && to === call.to && !agentName) return call;
    return { ...call, from, to, ...(agentName && { agent: { ...call.agent, name: agentName } }) };
  };

  private withName(party: Party): Party {
    if (party.anonymous || (party.name && party.company)) return party;
    const found = this.contactNow(party.number);
    if (!found?.name && !found?.company) return party;
    return { ...party, ...(!party.name && found.name && { name: found.name }), ...(!party.company && found.company && { company: found.company }) };
  }

  private async lookUp(e164: string): Promise<ContactName> {
    try {
      // Ringover searches contacts by any part of a number; the match is then checked in E.164.
      const body = await this.api.getObject('contacts', '/contacts', { search: e164.slice(1), limit_count: 20, limit_offset: 0 });
      const contact = listOf(body, 'contact_list').map(readContact).find((c) => c.numbers.some((n) => toE164(n) === e164));
      const name: ContactName = contact ? { ...(contact.name && { name: contact.name }), ...(contact.company && { company: contact.company }) } : {};
      this.contacts.set(e164, name);
      if (name.name || name.company) this.learned({ number: e164 });
      return name;
    } catch (error) {
      // A missing right or an outage: remember the miss for a while rather than asking at every view.
      this.contacts.set(e164, {}, Math.min(this.ttlMs, 5 * 60_000));
      if (!(error instanceof RingoverApiError)) this.logger.error('contact lookup failed', { error });
      return {};
    }
  }

  private async listUsers(): Promise<ApiUser[]> {
    const users: ApiUser[] = [];
    for (let offset = 0; offset < 10_000; offset += 100) {
      const body = await this.api.getObject('users', '/users', { limit_count: 100, limit_offset: offset });
      const page = listOf(body, 'user_list').map(readUser).filter((u): u is ApiUser => !!u);
      users.push(...page);
      if (page.length < 100) break;
    }
    this.usersList.set('all', users);
    this.learned({});
    return users;
  }
}
