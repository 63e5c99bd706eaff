// Commands a supervisor (or the bot) sends to a live call. Validated with this schema once, at each
// boundary (api-operations.ts); the engine turns each into the ringover-streamer message on the
// call's socket.
import { z } from 'zod';

export const SAMPLE_RATES = [8000, 16000, 24000] as const;
export type StreamSampleRate = (typeof SAMPLE_RATES)[number];

/** Separators people type in phone numbers; the wire gets digits (and a leading +) only. */
const stripPhone = (value: string) => value.replace(/[\s().-]/g, '');

export const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('break') }),
  z.strictObject({
    type: z.literal('digits'),
    digits: z.string().regex(/^[0-9*#A-D]{1,32}$/, 'digits must be 1 to 32 of 0-9, *, #, A-D'),
  }),
  z.strictObject({
    type: z.literal('transfer'),
    to: z
      .string()
      .transform(stripPhone)
      .pipe(z.string().regex(/^\+?[0-9]{2,15}$/, 'transfer target must be a phone number (+33123456789) or an extension (2 to 15 digits)')),
  }),
  z.strictObject({
    type: z.literal('play'),
    url: z.url({ protocol: /^https?$/, error: 'play needs an http(s) URL of an audio file' }),
  }),
  z.strictObject({
    type: z.literal('streamAudio'),
    sampleRate: z.union(SAMPLE_RATES.map((r) => z.literal(r)) as [z.ZodLiteral<8000>, z.ZodLiteral<16000>, z.ZodLiteral<24000>], {
      error: 'sampleRate must be 8000, 16000 or 24000',
    }),
    audioDataType: z.enum(['raw', 'mp3', 'wav', 'ogg'], { error: 'audioDataType must be raw, mp3, wav or ogg' }),
    audio: z.base64({ error: 'audio must be base64' }).min(4, 'audio is empty'),
  }),
  /** The bot stops at once and stays silent until `handback`; a supervisor answers. */
  z.strictObject({ type: z.literal('takeover') }),
  /** `line`: the bot says a short hand-back line (prompts.ts) before the caller's next words. */
  z.strictObject({ type: z.literal('handback'), line: z.boolean().optional() }),
  /** Words spoken to the caller in the bot's voice. */
  z.strictObject({
    type: z.literal('say'),
    text: z.string().trim().min(1, 'say needs some text').max(2000, 'say takes at most 2000 characters'),
  }),
  /** An instruction to the bot that the caller does not hear; it follows it from its next turn. */
  z.strictObject({
    type: z.literal('whisper'),
    text: z.string().trim().min(1, 'whisper needs some text').max(1000, 'whisper takes at most 1000 characters'),
  }),
]);

export type Command = z.infer<typeof commandSchema>;

/** Commands about the bot rather than the media stream. */
export type BotCommand = Extract<Command, { type: 'takeover' | 'handback' | 'say' | 'whisper' }>;
export const isBotCommand = (command: Command): command is BotCommand =>
  command.type === 'takeover' || command.type === 'handback' || command.type === 'say' || command.type === 'whisper';

/** Who sent a command: shown in the call's timeline. */
export type CommandOrigin = 'supervisor' | 'bot';

export interface CommandResult {
  sent: true;
  /** For audio: how long it plays, in ms (when known). */
  durationMs?: number;
}

export const COMMAND_TYPES = commandSchema.options.map((option) => option.shape.type.value);

/** The first problem of an invalid command, as one sentence. */
export function describeCommandError(error: z.ZodError): string {
  return describeCommandIssue(error.issues[0]!);
}

/** A problem of an invalid command (its path inside the command), as one sentence. */
export function describeCommandIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && issue.path.join('.') === 'type') return `type must be one of ${COMMAND_TYPES.join(', ')}`;
  if (issue.path.length === 0 && issue.code === 'invalid_type') return 'a command is a JSON object like {"type":"break"}';
  if (issue.code === 'unrecognized_keys') return `unexpected field ${issue.keys.join(', ')}`;
  const field = issue.path.join('.');
  return issue.message.startsWith(field) || !field ? issue.message : `${field}: ${issue.message}`;
}
