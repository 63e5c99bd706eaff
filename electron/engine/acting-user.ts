// Who acts from the console: the one place every "who did it" comes from (timeline entries of
// actions taken from history, commands). Today a console is used by one local supervisor; team mode
// replaces this with the signed-in user.

export interface Actor {
  /** Stable id of the person acting. */
  id: string;
  /** As the timeline shows it. */
  name: string;
}

/** The console's acting user when nobody signs in: the local supervisor. */
export const LOCAL_SUPERVISOR: Actor = { id: 'local', name: 'supervisor' };
