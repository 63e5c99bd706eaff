// What the bot can do besides talking. Same definitions for the pipeline and the realtime engine.
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { commandSchema, describeCommandError } from '../../../shared/commands.ts';

export type BotAction =
  | { name: 'transfer_to_human'; reason: string }
  | { name: 'transfer'; number: string }
  | { name: 'send_dtmf'; digits: string }
  | { name: 'end_call' }
  | { name: 'pause_recording' }
  | { name: 'resume_recording' };

const fn = (name: string, description: string, properties: Record<string, { type: 'string'; description: string }>): ChatCompletionFunctionTool => ({
  type: 'function',
  function: {
    name,
    description,
    parameters: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
  },
});

export const BOT_TOOLS: ChatCompletionFunctionTool[] = [
  fn('transfer_to_human', 'Ask for a person: a supervisor takes the call. Use when the caller asks for one or you cannot help.', {
    reason: { type: 'string', description: 'Why a person is needed, in a few words.' },
  }),
  fn('transfer', 'Transfer the call to a phone number or an extension.', {
    number: { type: 'string', description: 'E.164 number (+33123456789) or extension.' },
  }),
  fn('send_dtmf', 'Press keys on the line (for an IVR menu).', {
    digits: { type: 'string', description: 'Keys among 0-9, *, #, A-D.' },
  }),
  fn('end_call', 'Hang up once the conversation is over and you said goodbye.', {}),
  // Privacy (PCI DSS): the card number a caller is about to give must not be in the recording.
  fn('pause_recording', 'Pause the call recording before the caller gives a card number or other payment details.', {}),
  fn('resume_recording', 'Resume the call recording once the caller has given their payment details.', {}),
];

/** The action a tool call asks for, or an error message to give back to the model. */
export function parseAction(name: string, argumentsJson: string): BotAction | { error: string } {
  let args: Record<string, unknown>;
  try {
    args = argumentsJson.trim() ? (JSON.parse(argumentsJson) as Record<string, unknown>) : {};
  } catch {
    return { error: `arguments of ${name} are not JSON` };
  }
  const text = (key: string) => (typeof args[key] === 'string' ? (args[key] as string).trim() : '');
  switch (name) {
    case 'transfer_to_human':
      return { name, reason: text('reason') || 'the caller needs a person' };
    case 'transfer': {
      // The same rules as a supervisor's transfer: digits only on the wire, or a message to retry.
      const command = commandSchema.safeParse({ type: 'transfer', to: text('number') });
      if (!command.success) return { error: describeCommandError(command.error) };
      return command.data.type === 'transfer' ? { name, number: command.data.to } : { error: 'transfer needs a number' };
    }
    case 'send_dtmf': {
      const command = commandSchema.safeParse({ type: 'digits', digits: text('digits').toUpperCase() });
      if (!command.success) return { error: describeCommandError(command.error) };
      return command.data.type === 'digits' ? { name, digits: command.data.digits } : { error: 'send_dtmf needs digits' };
    }
    case 'end_call':
    case 'pause_recording':
    case 'resume_recording':
      return { name };
    default:
      return { error: `no tool named ${name}` };
  }
}
