// The language model through the openai SDK (streamed `POST /chat/completions`): OpenAI's models,
// or any OpenAI-compatible server (Ollama, llama.cpp's server, vLLM…).
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { LanguageModel, LlmDelta } from './llm.ts';

export class OpenAILanguageModel implements LanguageModel {
  private readonly client: OpenAI;
  private readonly model: string;

  constructor(client: OpenAI, model: string) {
    this.client = client;
    this.model = model;
  }

  async *chat(messages: ChatCompletionMessageParam[], tools: ChatCompletionTool[], signal: AbortSignal): AsyncGenerator<LlmDelta> {
    const stream = await this.client.chat.completions.create({ model: this.model, messages, stream: true, ...(tools.length && { tools }) }, { signal });
    // Tool calls arrive in pieces, by index; each is complete once the stream ends.
    const calls = new Map<number, { id: string; name: string; arguments: string }>();
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      if (!delta) continue;
      if (delta.content) yield { kind: 'text', text: delta.content };
      for (const call of delta.tool_calls ?? []) {
        const entry = calls.get(call.index) ?? { id: '', name: '', arguments: '' };
        entry.id ||= call.id ?? '';
        entry.name ||= call.function?.name ?? '';
        entry.arguments += call.function?.arguments ?? '';
        calls.set(call.index, entry);
      }
    }
    for (const call of calls.values()) yield { kind: 'tool', ...call };
  }
}
