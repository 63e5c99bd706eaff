// How the board reads a call: who has it (the bot, you, another supervisor, a person of the call
// center), who is on it, and the order cards come in (what needs a supervisor first, then calls a
// supervisor holds, then the longest running).
import { attentionScore } from '../../../../shared/attention.ts';
import type { Call, Party } from '../../../../shared/call.ts';
import { i18n } from '../../i18n/index.ts';

/**
 * Who answers the caller, as the card's chip says it:
 * - `ringing`, `ended`: nobody (yet, any more);
 * - `waiting`: the bot asked for a person and nobody took the call yet (it is on hold);
 * - `you`: this supervisor took it over (their microphone goes to the caller);
 * - `supervisor`: a supervisor took it over, from another console (or before this page loaded);
 * - `bot`: the voice bot answers;
 * - `person`: a person of the call center answered (the provider names them: `name`);
 * - `monitor`: Ringside hears the call but no bot answers (no AI model is configured);
 * - `live`: in progress, nobody known.
 */
export type Owner =
  | { kind: 'ringing' | 'waiting' | 'you' | 'supervisor' | 'bot' | 'monitor' | 'live' | 'ended' }
  | { kind: 'person'; name: string | undefined };

export type OwnerKind = Owner['kind'];

/**
 * Who has the call. A call streamed to Ringside (it has a bot status) is answered by the bot or by
 * a supervisor: the provider's agent field then names the line the stream belongs to (the demo's
 * "Ringside Bot"), not someone speaking, so it is not read. Otherwise the agent field names the
 * person of the call center who answered.
 */
export function ownerOf(call: Call, holding?: string): Owner {
  if (call.state === 'ended') return { kind: 'ended' };
  if (call.state === 'ringing') return { kind: 'ringing' };
  if (holding === call.id) return { kind: 'you' };
  if (call.needsHuman) return { kind: 'waiting' };
  if (call.mode === 'human' && call.bot) return { kind: 'supervisor' };
  if (call.bot) return { kind: call.bot.state === 'monitoring' ? 'monitor' : 'bot' };
  if (call.agent) return { kind: 'person', name: call.agent.name || call.agent.email || undefined };
  return { kind: 'live' };
}

/** Lower comes first. */
function attention(call: Call, holding: string | undefined): number {
  if (call.state === 'ended') return 4;
  if (call.needsHuman && holding !== call.id) return 0;
  if (holding === call.id || call.mode === 'human') return 1;
  if (call.state === 'ringing') return 2;
  return 3;
}

/**
 * The board's order: live calls before ended ones, the highest attention score first (the engine's
 * `call.attention`), then today's order (asked for a person, held, ringing, the longest running).
 */
export function orderCalls(calls: Iterable<Call>, holding?: string): Call[] {
  const ended = (call: Call) => (call.state === 'ended' ? 1 : 0);
  return [...calls].sort(
    (a, b) =>
      ended(a) - ended(b) ||
      attentionScore(b) - attentionScore(a) ||
      attention(a, holding) - attention(b, holding) ||
      a.startedAt.localeCompare(b.startedAt) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * The board's order while the supervisor is working on it (the pointer over it, or the keyboard
 * focus in it): the cards keep the places they had (`shown`), those gone leave, new ones come last.
 * Nothing moves under the mouse; the board sorts again once they leave it.
 */
export function keepPlaces(shown: readonly string[], sorted: readonly string[]): string[] {
  const present = new Set(sorted);
  const kept = shown.filter((id) => present.has(id));
  const placed = new Set(kept);
  return [...kept, ...sorted.filter((id) => !placed.has(id))];
}

/** A party as the console names it: their name, else their number. */
export const partyName = (party: Party): string => party.name || party.number || i18n.t('call.unknownParty');

/** The caller and who they called, whichever way the call goes. */
export function parties(call: Call): { caller: Party; callee: Party } {
  return call.direction === 'outbound' ? { caller: call.to, callee: call.from } : { caller: call.from, callee: call.to };
}

/** How long the call has lasted (seconds): to its end once ended (never counting on), else to `now`. */
export function callSeconds(call: Call, now: number): number | undefined {
  if (call.state === 'ended') {
    if (call.endedAt) return Math.max(0, (Date.parse(call.endedAt) - Date.parse(call.startedAt)) / 1000);
    return call.durationSeconds;
  }
  return Math.max(0, (now - Date.parse(call.startedAt)) / 1000);
}
