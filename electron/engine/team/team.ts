// The team of one engine: its store, accounts, sign-in limits, audit trail and presence, and the
// console API as each person uses it. `createTeam` is called once by the engine.
import { join } from 'node:path';
import type { ConsoleApi, LiveMessage } from '../../../shared/api.ts';
import { LOCAL_ACTOR_ID, type Actor } from '../../../shared/team.ts';
import type { Logger } from '../log.ts';
import { TeamStore } from '../store/team-store.ts';
import { Accounts } from './accounts.ts';
import { actorApi, heldByOther } from './actor-api.ts';
import { AuditTrail } from './audit.ts';
import { Presence } from './presence.ts';
import { SignInLimiter, type LimiterOptions } from './sign-in-limiter.ts';
import { ApiError } from '../../../shared/api.ts';

/** The loopback console's person (and the desktop window's): the local administrator. */
export const LOCAL_ADMIN: Actor = { id: LOCAL_ACTOR_ID, name: 'Local administrator', role: 'administrator', address: 'loopback' };

export interface TeamOptions {
  dataDir: string;
  logger: Logger;
  /** How long a disconnected holder keeps a taken-over call (ms). */
  graceMs?: number;
  limits?: Partial<LimiterOptions>;
  now?: () => number;
}

export interface Team {
  store: TeamStore;
  accounts: Accounts;
  audit: AuditTrail;
  presence: Presence;
  /** The console API as `actor` uses it (checks, presence, audit). */
  apiFor(actor: Actor): ConsoleApi;
  /** Asks the holder of `callId` to hand it over (their console prompts them). */
  ask(actor: Actor, callId: string): void;
  /** An administrator takes `callId` from its holder: both are told; the bot stays silent. */
  takeFrom(actor: Actor, callId: string): void;
  /** `actor` has `callId`'s detail open, or closed it. */
  /** Marks that `actor` has a live call open (or closed it); 404 for an unknown call, 409 for an ended one. */
  view(actor: Actor, callId: string, open: boolean): Promise<void>;
  close(): void;
}

/** Default grace before a disconnected holder's calls go back to the bot (a page reload takes less). */
export const HOLD_GRACE_MS = 15_000;

export function createTeam(options: TeamOptions, base: () => ConsoleApi, publish: (message: LiveMessage) => void): Team {
  const store = new TeamStore(join(options.dataDir, 'team.db'));
  const audit = new AuditTrail(store, options.logger, options.now);
  const accounts = new Accounts({ store, audit, limiter: new SignInLimiter({ ...options.limits, ...(options.now && { now: options.now }) }), ...(options.now && { now: options.now }) });
  const presence: Presence = new Presence({
    publish,
    graceMs: options.graceMs ?? HOLD_GRACE_MS,
    expire: (callId, holder) => {
      // Nobody holds the call any more (the holder was the only one): the bot resumes.
      base()
        .sendCommand(callId, { type: 'handback' })
        .then(
          () => audit.record({ actor: { id: holder.id, name: holder.name, address: '-' }, action: 'hand-back', callId, detail: { reason: 'disconnected' } }),
          () => undefined, // the call ended meanwhile
        );
    },
    ...(options.now && { now: options.now }),
  });
  return {
    store,
    accounts,
    audit,
    presence,
    apiFor: (actor) => actorApi({ base: base(), presence, audit }, actor),
    ask(actor, callId) {
      const holder = presence.holder(callId);
      if (!holder) throw new ApiError(409, 'nobody has this call: take it over yourself');
      if (holder.id === actor.id) throw new ApiError(409, 'you already have this call');
      publish({ type: 'handover', kind: 'ask', callId, by: { id: actor.id, name: actor.name }, holder: { id: holder.id, name: holder.name } });
      audit.record({ actor, action: 'ask-handover', callId, detail: { holder: holder.name } });
    },
    takeFrom(actor, callId) {
      const holder = presence.holder(callId);
      if (!holder) throw new ApiError(409, 'nobody has this call: take it over yourself');
      if (holder.id === actor.id) throw new ApiError(409, 'you already have this call');
      presence.take(actor, callId);
      publish({ type: 'handover', kind: 'taken', callId, by: { id: actor.id, name: actor.name }, holder: { id: holder.id, name: holder.name } });
      audit.record({ actor, action: 'take-from', callId, detail: { holder: holder.name, heldMs: Date.now() - holder.since } });
    },
    async view(actor, callId, open) {
      // Only calls that exist: presence is sent to every console, so made-up ids must not grow it.
      const { call } = await base().getCall(callId);
      if (open && call.state === 'ended') throw new ApiError(409, 'this call has ended: nobody views it live');
      presence.viewing(actor, callId, open);
    },
    close() {
      presence.stop();
      store.close();
    },
  };
}

export { heldByOther };
