// The console API as one person uses it: the same operations, with the take-over lock (one holder
// per call; commands from anyone else refused with who has it), presence (listening, holding) and an
// audit entry for every action. The loopback console and the desktop window use it as the local
// administrator; each session of the team listener as its account.
import { ApiError, type ConsoleApi } from '../../../shared/api.ts';
import { isSecret, type ConfigKey } from '../../../shared/setting-catalog.ts';
import type { Actor } from '../../../shared/team.ts';
import { actAs } from '../acting-user.ts';
import type { AuditTrail } from './audit.ts';

type AuditAction = Parameters<AuditTrail['record']>[0]['action'];
type AuditDetail = Parameters<AuditTrail['record']>[0]['detail'];
import type { Presence } from './presence.ts';

export interface ActorApiDeps {
  base: ConsoleApi;
  presence: Presence;
  audit: AuditTrail;
}

/** The refusal for someone who does not hold a call another person took over. */
export function heldByOther(holderName: string): ApiError {
  return new ApiError(409, `${holderName} has this call: ask ${holderName} to hand it over before sending commands`);
}

export function actorApi({ base: shared, presence, audit }: ActorApiDeps, actor: Actor): ConsoleApi {
  // Every operation runs as this person, so what it stores (a timeline entry of a call-back, say) names them.
  const base = Object.fromEntries(
    Object.entries(shared).map(([name, value]) => [name, typeof value === 'function' ? (...args: unknown[]) => actAs(actor, () => value.apply(shared, args)) : value]),
  ) as unknown as ConsoleApi;
  const record = (action: AuditAction, callId?: string, detail?: AuditDetail) =>
    audit.record({ actor, action, ...(callId !== undefined && { callId }), ...(detail && { detail }) });
  /** `operation` as it is, then one entry of `action` on the call and with the detail `entryOf` names. */
  const audited =
    <A extends unknown[], R>(operation: (...args: A) => Promise<R>, action: AuditAction, entryOf: (...args: A) => [callId: string | undefined, detail?: AuditDetail]) =>
    async (...args: A): Promise<R> => {
      const result = await operation(...args);
      record(action, ...entryOf(...args));
      return result;
    };

  return {
    ...base,
    async getCall(id) {
      const detail = await base.getCall(id);
      return { ...detail, audit: audit.query({ callId: id }) };
    },
    async sendCommand(id, command) {
      const holder = presence.holder(id);
      if (holder && holder.id !== actor.id) throw heldByOther(holder.name);
      const result = await base.sendCommand(id, command);
      switch (command.type) {
        case 'takeover':
          presence.take(actor, id);
          record('take-over', id);
          break;
        case 'handback': {
          const heldMs = presence.release(id);
          record('hand-back', id, heldMs === undefined ? undefined : { durationMs: heldMs });
          break;
        }
        case 'say':
          record('say', id, { characters: command.text.length });
          break;
        case 'transfer':
          record('transfer', id, { to: command.to });
          break;
        case 'whisper':
          record('whisper', id, { characters: command.text.length });
          break;
        // The supervisor's voice comes 20 ms at a time: its take-over entry stands for it.
        case 'streamAudio':
          break;
        default:
          record('command', id, { type: command.type });
      }
      return result;
    },
    subscribe(listener) {
      presence.connected(actor);
      const unsubscribe = base.subscribe(listener);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        unsubscribe();
        presence.disconnected(actor);
      };
    },
    listen(id, handlers) {
      const started = Date.now();
      let stopped = false;
      const finish = () => {
        if (stopped) return;
        stopped = true;
        presence.listening(actor, id, false);
        record('listen-stop', id, { durationMs: Date.now() - started });
      };
      presence.listening(actor, id, true);
      record('listen-start', id);
      const stop = base.listen(id, {
        audio: handlers.audio,
        ended(reason) {
          finish();
          handlers.ended(reason);
        },
      });
      return () => {
        stop();
        finish();
      };
    },
    async updateSettings(patch) {
      const view = await base.updateSettings(patch);
      const keys = Object.keys(patch) as ConfigKey[];
      const secrets = keys.filter((key) => isSecret(key));
      const plain = keys.filter((key) => !isSecret(key));
      // Names only: a value (a prompt, a URL, a secret) never goes into the trail.
      if (plain.length) record('settings-change', undefined, { settings: plain });
      if (secrets.length) record('secret-change', undefined, { secrets });
      return view;
    },
    setDemo: audited(base.setDemo, 'demo', (running) => [undefined, { running }]),
    callBack: audited(base.callBack, 'call-back', (id) => [id]),
    sendSms: audited(base.sendSms, 'sms', (id, text) => [id, { characters: text.length }]),
    tagCall: audited(base.tagCall, 'tag', (id, tags) => [id, { tags: tags.length }]),
    commentCall: audited(base.commentCall, 'comment', (id, comment) => [id, { characters: comment.length }]),
    noteTranscriptExport: audited(base.noteTranscriptExport, 'transcript-export', (id, format) => [id, { format }]),
    async issueTicket(request) {
      const ticket = await base.issueTicket(request);
      if (request.use === 'recording') record('recording-playback', request.callId);
      return ticket;
    },
  };
}
