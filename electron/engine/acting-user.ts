// Who acts from the console: the one place every "who did it" comes from (timeline entries of
// actions taken from history, commands). The team's per-person console API runs each operation as
// its signed-in person; the loopback console, with nobody signed in, acts as the local supervisor.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Actor {
  /** Stable id of the person acting. */
  id: string;
  /** As the timeline shows it. */
  name: string;
  /** Where the request came from (a team session's peer address); absent on the loopback console. */
  address?: string;
}

/** The console's acting user when nobody signs in: the local supervisor. */
export const LOCAL_SUPERVISOR: Actor = { id: 'local', name: 'supervisor' };

const acting = new AsyncLocalStorage<Actor>();

/** Runs `operation` (and everything it awaits) as `actor`. */
export function actAs<T>(actor: Actor, operation: () => T): T {
  return acting.run({ id: actor.id, name: actor.name, ...(actor.address !== undefined && { address: actor.address }) }, operation);
}

/** The person the current console operation runs as (the local supervisor outside any). */
export function actingUser(): Actor {
  return acting.getStore() ?? LOCAL_SUPERVISOR;
}
