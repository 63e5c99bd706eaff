// The recording notice: said with the bot's greeting, in the call's language, when one is set.
import { noticeFor } from '../../../shared/privacy-settings.ts';
import type { EngineConfig } from '../config/schema.ts';

type NoticeConfig = Pick<EngineConfig, 'recordingNotice' | 'botLanguage'>;

/** The notice for calls in the bot's language, if one is set. */
export const recordingNoticeOf = (config: NoticeConfig): string | undefined => noticeFor(config.recordingNotice, config.botLanguage);

/** What the bot says when a call's audio connects: its greeting (prompts.ts `BotLines`), then the recording notice. */
export function greetingOf(greeting: string, config: NoticeConfig): string {
  return [greeting.trim(), recordingNoticeOf(config)].filter(Boolean).join(' ');
}
