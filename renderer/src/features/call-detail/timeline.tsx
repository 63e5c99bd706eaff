// A call's timeline: webhooks, stream connects, commands (and who sent them), bot changes. The
// supervisor's voice during a take-over is one entry per span ("You spoke 12 s"), however the
// engine stored it: one event per span, or one per 100 ms piece (calls recorded before). Provider
// updates say what they brought: tags and notes (marked, with the new tags and text), the caller's
// IVR choice, a transcription, summary or analysis now available, and why the call ended.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Call, CallEvent } from '../../../../shared/call.ts';
import type { Formats } from '../../../../shared/i18n/format.ts';
import { useFormats } from '../../i18n/use-formats.ts';
import { reasonText } from '../call-facts/outcome.ts';
import { TagChips } from '../call-facts/tag-chips.tsx';
import { describePrivacy } from '../privacy/privacy-timeline.ts';
import { modeChangeText, needsHumanEventText } from '../board/needs-human.ts';
import { personName } from '../team/person-name.ts';

interface CommandDetail {
  type: string;
  digits?: string;
  to?: string;
  url?: string;
  durationMs?: number;
}

/** One line of the timeline: an event, or a run of the supervisor's audio pieces. */
interface Entry {
  event: CallEvent;
  /** The supervisor's voice, summed over the pieces of one take-over span (ms). */
  spokeMs?: number;
}

const commandOf = (event: CallEvent) => (event.type === 'command' ? (event.detail?.command as CommandDetail | undefined) : undefined);
const isSupervisorAudio = (event: CallEvent) => commandOf(event)?.type === 'streamAudio' && event.detail?.origin !== 'bot';

/** Consecutive supervisor audio commands (with nothing else between them) become one entry. */
export function timelineEntries(events: readonly CallEvent[]): Entry[] {
  const shown = events.filter((e) => e.type !== 'utterance' && e.type !== 'turn').sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  const entries: Entry[] = [];
  for (const event of shown) {
    const last = entries.at(-1);
    if (isSupervisorAudio(event)) {
      const ms = commandOf(event)?.durationMs ?? 0;
      if (last?.spokeMs !== undefined) last.spokeMs += ms;
      else entries.push({ event, spokeMs: ms });
      continue;
    }
    entries.push({ event });
  }
  return entries;
}

function describeCommand(command: CommandDetail, t: TFunction, f: Formats): string {
  switch (command.type) {
    case 'digits':
      return t('timeline.command.digits', { digits: command.digits ?? '' });
    case 'transfer':
      return t('timeline.command.transfer', { to: command.to ?? '' });
    case 'play':
      return t('timeline.command.play', { url: command.url ?? '' });
    case 'streamAudio':
      return t('timeline.command.streamAudio', { duration: f.unit((command.durationMs ?? 0) / 1000, 'second', 1) });
    case 'break':
    case 'takeover':
    case 'handback':
    case 'say':
      return t(`timeline.command.${command.type}`);
    default:
      return command.type;
  }
}

function describe({ event, spokeMs }: Entry, t: TFunction, f: Formats): string {
  const detail = event.detail ?? {};
  // Whole seconds from 10 s on ("spoke 12 s"); tenths below, where they still tell something.
  if (spokeMs !== undefined) return t('timeline.spoke', { duration: spokeMs < 10_000 ? f.unit(Math.round(spokeMs / 100) / 10, 'second', 1) : f.unit(Math.round(spokeMs / 1000), 'second') });
  const ringover = ringoverActionText(event, t);
  if (ringover) return ringover;
  const privacy = describePrivacy(event, t);
  if (privacy) return privacy;
  const command = commandOf(event);
  if (event.type === 'command') {
    const what = command ? describeCommand(command, t, f) : event.providerEvent;
    if (detail.origin === 'bot') return t('timeline.byBot', { what });
    const by = actorName(detail.by, t); // who sent it (commands stored before it was kept: "the supervisor")
    return by ? t('timeline.byPerson', { what, name: by }) : t('timeline.bySupervisor', { what });
  }
  if (event.providerEvent === 'bot.mode') return modeChangeText(detail, t);
  if (event.providerEvent === 'bot.needs-human') return needsHumanEventText(detail.needsHuman as Call['needsHuman'] | null, t);
  if (event.providerEvent === 'bot.tool') {
    const tool = detail.tool as { name?: string; detail?: string } | undefined;
    return t('timeline.tool', { tool: tool?.name ?? '', detail: tool?.detail ? ` (${tool.detail})` : '' });
  }
  if (event.providerEvent === 'bot.briefing') return t(detail.moment === 'take-over' ? 'timeline.briefing.take-over' : 'timeline.briefing.call-ended');
  if (event.providerEvent === 'bot.error') return t('timeline.botError', { error: String(detail.error ?? '') });
  if (event.ivr?.code) return event.ivr.name ? t('timelineFacts.ivrChoiceIn', { code: event.ivr.code, ivr: event.ivr.name }) : t('timelineFacts.ivrChoice', { code: event.ivr.code });
  if (event.type === 'transcript') return t('timelineFacts.transcriptAvailable');
  if (event.type === 'summary') return event.summary ? t('timeline.summary', { summary: event.summary }) : event.analysis ? t('timelineFacts.analysis') : t('timelineFacts.summaryAvailable');
  const update = updateOf(event);
  if (update) {
    const marker = t(`timelineFacts.marker.${update}`);
    const by = actorName(detail.by, t);
    return by ? t('timeline.byPerson', { what: marker, name: by }) : marker;
  }
  if (event.customAnalysis) return t('timelineFacts.clientAnalysis');
  if (event.type === 'other') return event.analysis ? t('timelineFacts.analysis') : event.providerEvent;
  const what = t('timeline.event', { type: t(`eventType.${event.type}`), name: event.providerEvent });
  const reason = reasonText(event, t);
  return reason ? t('timelineFacts.withReason', { what, reason }) : what;
}

/** The name of who acted (`detail.by`, as the engine stores it: `{id, name}`), when there is one. */
const actorName = (by: unknown, t: TFunction): string | undefined => {
  const { id, name } = by && typeof by === 'object' ? (by as { id?: unknown; name?: unknown }) : {};
  return typeof name === 'string' && name ? personName({ id: typeof id === 'string' ? id : undefined, name }, t) : undefined;
};

/**
 * What was done through Ringover's API, in words: a call-back or an SMS sent from history (with
 * who did it), and a call filled in from Ringover's call log (reconciliation or a back-fill).
 */
function ringoverActionText(event: CallEvent, t: TFunction): string | undefined {
  const detail = event.detail ?? {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const by = actorName(detail.by, t) ?? t('timeline.someone');
  switch (event.providerEvent) {
    case 'ringover.callback':
      return t('timeline.ringover.callback', { to: text(detail.to), name: by });
    case 'ringover.sms.sent':
      return t('timeline.ringover.sms', { to: text(detail.to), name: by, text: text(detail.text) });
    case 'api.calls':
      return t('timeline.ringover.fromLog');
    default:
      return undefined;
  }
}

/**
 * Whether an event is an update of the call's notes or tags (Ringover's aftercall
 * `comments_updated`, `tags_updated`): marked in the timeline, with what it set.
 */
export function updateOf(event: CallEvent): 'notes' | 'tags' | undefined {
  if (event.type !== 'other') return undefined;
  if (/comment|note/i.test(event.providerEvent) || (event.comments !== undefined && event.tags === undefined)) return 'notes';
  if (/tag/i.test(event.providerEvent) || event.tags !== undefined) return 'tags';
  return undefined;
}

/** The tags and notes an event set, under its line. */
function FactsOf({ event }: { event: CallEvent }) {
  const { t } = useTranslation();
  const update = updateOf(event);
  const tags = event.tags;
  return (
    <>
      {tags && tags.length > 0 && (
        <span className="facts-line">
          {t('timelineFacts.tags')} <TagChips tags={tags} />
        </span>
      )}
      {tags?.length === 0 && update === 'tags' && <span className="facts-line">{t('timelineFacts.tagsCleared')}</span>}
      {event.comments && <span className="facts-line notes-text">{t('timelineFacts.notes', { notes: event.comments })}</span>}
    </>
  );
}

export function Timeline({ events }: { events: readonly CallEvent[] }) {
  const { t } = useTranslation();
  const f = useFormats();
  const entries = timelineEntries(events);
  if (entries.length === 0) return <p className="hint">{t('timeline.empty')}</p>;
  return (
    <ol className="timeline" aria-label={t('detail.timeline')}>
      {entries.map((entry) => (
        <li key={entry.event.id} className={`event ${entry.event.type} ${updateOf(entry.event) ? `marker ${updateOf(entry.event)}` : ''}`}>
          <time dateTime={entry.event.occurredAt}>{f.time(entry.event.occurredAt)}</time>
          <span>
            {describe(entry, t, f)}
            <FactsOf event={entry.event} />
          </span>
          <span className="provider">{entry.event.provider}</span>
        </li>
      ))}
    </ol>
  );
}
