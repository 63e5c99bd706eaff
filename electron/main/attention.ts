// Which live calls deserve a desktop notification: a bot asked for a human (at once, and again if
// nobody took the call a minute later), the engine raised an attention alert (its score crossed
// the threshold set in Settings, or the caller said an alert keyword), or a call has been ringing
// unanswered for a while.
import type { TFunction } from 'i18next';
import type { Call } from '../../shared/call.ts';
import { englishT } from './language.ts';

export interface Notice {
  callId: string;
  title: string;
  body: string;
}

export const RINGING_WAIT_MS = 30_000;
export const HUMAN_REMINDER_MS = 60_000;

/** Follows live calls and says, once per reason, which ones need a supervisor (in the console's language). */
export class AttentionWatcher {
  private readonly calls = new Map<string, Call>();
  private readonly told = new Set<string>();
  private readonly t: () => TFunction;

  /** `t`: the current language's translator, read for each notice. */
  constructor(t: () => TFunction = () => englishT) {
    this.t = t;
  }

  /** A call changed: notices that are due now. */
  update(call: Call, now = Date.now()): Notice[] {
    if (call.state === 'ended') {
      this.calls.delete(call.id);
      for (const key of [...this.told]) if (key.startsWith(`${call.id}|`)) this.told.delete(key);
      return [];
    }
    this.calls.set(call.id, call);
    return this.due(call, now);
  }

  /** Time passed: reminders and waits that became due. */
  tick(now = Date.now()): Notice[] {
    return [...this.calls.values()].flatMap((call) => this.due(call, now));
  }

  private due(call: Call, now: number): Notice[] {
    const t = this.t();
    const party = call.direction === 'outbound' ? call.to : call.from;
    const who = party.name || party.number || t('notice.unknownCaller');
    const notices: Notice[] = [];
    const once = (reason: string, notice: Omit<Notice, 'callId'>) => {
      const key = `${call.id}|${reason}`;
      if (this.told.has(key)) return;
      this.told.add(key);
      notices.push({ callId: call.id, ...notice });
    };
    if (call.needsHuman && call.mode !== 'human') {
      once(`human@${call.needsHuman.at}`, { title: t('notice.needsHuman', { who }), body: call.needsHuman.cause === 'bot-failed' ? t('notice.botFailed') : call.needsHuman.reason });
      if (now - Date.parse(call.needsHuman.at) >= HUMAN_REMINDER_MS) {
        once(`reminder@${call.needsHuman.at}`, { title: t('notice.stillWaiting', { who }), body: t('notice.nobodyTookOver') });
      }
    }
    // The engine's attention alert (score over the threshold in Settings, or a keyword): once per alert.
    const alert = call.attention?.alert;
    if (alert && call.mode !== 'human') {
      const reasons = call.attention!.reasons.slice(0, 3).map((reason) => t(reason.text as 'attention.reason.frustrated', reason.values ?? {}));
      once(`attention@${alert.at}`, { title: t(alert.code === 'keyword' ? 'notice.keyword' : 'notice.attention', { who }), body: reasons.join(' · ') });
    }
    if (call.state === 'ringing' && now - Date.parse(call.startedAt) >= RINGING_WAIT_MS) {
      once('ringing', { title: t('notice.ringing', { who }), body: t('notice.ringingFor', { count: RINGING_WAIT_MS / 1000 }) });
    }
    return notices;
  }
}
