// How the board reads a call: its chip, who is on it, and the order cards come in (what needs a
// supervisor first, then calls a supervisor holds, then the longest running).
import type { Call, Party } from '../../../../shared/call.ts';

export type Chip = 'ringing' | 'bot' | 'human' | 'on hold' | 'live' | 'ended';

export function chipOf(call: Call): Chip {
  if (call.state === 'ended') return 'ended';
  if (call.state === 'ringing') return 'ringing';
  if (call.needsHuman) return 'on hold';
  if (call.mode === 'human') return 'human';
  if (call.bot && call.bot.state !== 'monitoring') return 'bot';
  // Not streamed to us, or no bot on it: a person of the call center answered, if we know of one.
  return call.agent ? 'human' : 'live';
}

/** Lower comes first. */
function attention(call: Call, holding: ReadonlySet<string>): number {
  if (call.state === 'ended') return 4;
  if (call.needsHuman) return 0;
  if (holding.has(call.id) || call.mode === 'human') return 1;
  if (call.state === 'ringing') return 2;
  return 3;
}

export function orderCalls(calls: Iterable<Call>, holding: ReadonlySet<string> = new Set()): Call[] {
  return [...calls].sort((a, b) => attention(a, holding) - attention(b, holding) || a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
}

export const partyName = (party: Party): string => party.name || party.number || 'Unknown';

/** The caller and who they called, whichever way the call goes. */
export function parties(call: Call): { caller: Party; callee: Party } {
  return call.direction === 'outbound' ? { caller: call.to, callee: call.from } : { caller: call.from, callee: call.to };
}

/** m:ss (or h:mm:ss) since `from`. */
export function elapsed(from: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(from)) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
