// The language model: one method per vendor (`chat`, streaming text and tool calls), and the stage
// around it: the reply is read to its end at the model's pace (so speech never holds the model
// back), its text handed on as it comes, the first token timed, and a stall (no token within the
// model timeout) reported as a failure of "the language model".
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { Channel } from '../channel.ts';
import { stageError, stallGuard } from '../stage-error.ts';

export type LlmDelta = { kind: 'text'; text: string } | { kind: 'tool'; id: string; name: string; arguments: string };
export type ToolCall = Omit<Extract<LlmDelta, { kind: 'tool' }>, 'kind'>;

export interface LanguageModel {
  /** Streams the reply: text as it comes, then each tool call once complete. */
  chat(messages: ChatCompletionMessageParam[], tools: ChatCompletionTool[], signal: AbortSignal): AsyncIterable<LlmDelta>;
}

export interface Reply {
  /** The reply's text, piece by piece as the model writes it. */
  text: AsyncIterable<string>;
  /** The tool calls, once the reply is complete; rejects with the stage's failure. */
  done: Promise<ToolCall[]>;
}

export interface ReplyOptions {
  timeoutMs: number;
  /** Called once, at the first token. */
  firstToken?(): void;
}

/** Starts the model's reply to `messages`; ends early (rejecting `done`) when `signal` aborts. */
export function reply(llm: LanguageModel, messages: ChatCompletionMessageParam[], tools: ChatCompletionTool[], signal: AbortSignal, options: ReplyOptions): Reply {
  const text = new Channel<string>();
  const done = (async () => {
    const guard = stallGuard(options.timeoutMs, signal);
    const calls: ToolCall[] = [];
    let first = true;
    try {
      for await (const delta of llm.chat(messages, tools, guard.signal)) {
        guard.progress();
        if (first) options.firstToken?.();
        first = false;
        if (delta.kind === 'text') text.push(delta.text);
        else calls.push({ id: delta.id, name: delta.name, arguments: delta.arguments });
      }
      return calls;
    } catch (error) {
      throw stageError('the language model', guard.signal, error);
    } finally {
      guard.done();
      text.close();
    }
  })();
  return { text, done };
}
