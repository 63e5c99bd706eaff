// A call's hand-overs in the console's language: why it changed hands (`bot.mode` events) and why
// the bot wants a person. The engine sends codes (`cause`) for these; its English sentences
// (`reason`) are for API clients and only shown for events stored before codes existed.
import type { TFunction } from 'i18next';
import type { Call, ModeCause } from '../../../../shared/call.ts';

type NeedsHuman = NonNullable<Call['needsHuman']>;

const CAUSES: readonly ModeCause[] = ['stream-connected', 'taken-over', 'handed-back', 'bot-asked', 'bot-failed'];

/** The alert on a card: the model's own words when it asked, our words when it could not go on. */
export function needsHumanText(needsHuman: NeedsHuman, t: TFunction): string {
  return needsHuman.cause === 'bot-failed' ? t('card.needsHumanFailed') : t('card.needsHuman', { reason: needsHuman.reason });
}

/** The timeline line of a `bot.needs-human` event (`null`: a supervisor answered it). */
export function needsHumanEventText(needsHuman: NeedsHuman | null | undefined, t: TFunction): string {
  if (!needsHuman) return t('timeline.needsHumanAnswered');
  return needsHuman.cause === 'bot-failed' ? t('timeline.needsHumanFailed') : t('timeline.needsHuman', { reason: needsHuman.reason });
}

/** The timeline line of a `bot.mode` event (`detail`: `{mode, cause?, said?, reason}`). */
export function modeChangeText(detail: Record<string, unknown>, t: TFunction): string {
  const cause = CAUSES.find((c) => c === detail.cause);
  const said = typeof detail.said === 'string' && detail.said ? detail.said : undefined;
  const reason = cause ? (said ? t('timeline.modeCauseSaid', { cause: t(`timeline.modeCause.${cause}`), said }) : t(`timeline.modeCause.${cause}`)) : String(detail.reason ?? '');
  return detail.mode === 'human' ? t('timeline.modeHuman', { reason }) : t('timeline.modeBot', { reason });
}

/** What a screen reader is told when a call asks for a person (worded when shown, so it follows the language). */
export function needsHumanAnnouncement(name: string, needsHuman: NeedsHuman, t: TFunction): string {
  return needsHuman.cause === 'bot-failed' ? t('announce.needsHumanFailed', { name }) : t('announce.needsHuman', { name });
}
