// The LLM's history of a call, redacted once a turn is over: the bot may act on a card number
// within the turn it was said in (a tool that needs it gets it), but no later request to the model
// carries it again. The system prompt (index 0) is the operator's, and stays.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { redactText, type RedactionOptions } from './redact.ts';
import { redactJsonText } from './redact-event.ts';

/** Redacts every message of `history` but the first, in place (text contents, tool call arguments). */
export function redactHistory(history: ChatCompletionMessageParam[], options: RedactionOptions): void {
  for (let i = 1; i < history.length; i++) {
    const message = history[i]!;
    if (typeof message.content === 'string') message.content = redactText(message.content, options);
    if (message.role === 'assistant' && message.tool_calls) {
      for (const call of message.tool_calls) if (call.type === 'function') call.function.arguments = redactJsonText(call.function.arguments, options);
    }
  }
}
