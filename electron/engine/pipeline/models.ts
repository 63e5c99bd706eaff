// The model clients, one per stage: all through the openai SDK, so any OpenAI-compatible server
// (OpenAI itself, or a local one) can do speech-to-text, the LLM, text-to-speech or realtime.
import OpenAI from 'openai';
import type { EngineConfig } from '../config/schema.ts';
import { loadElevenLabs } from './tts/elevenlabs-sdk.ts';

export interface ModelClients {
  stt: OpenAI;
  llm: OpenAI;
  tts: OpenAI;
  /** For the realtime engine (its base URL is the LLM's). */
  realtime: OpenAI;
}

/** Is any model configured? Without one, streamed calls are monitor-only. */
export function modelsConfigured(config: EngineConfig): boolean {
  return !!(config.openaiApiKey || config.openaiBaseUrl || config.sttBaseUrl || config.llmBaseUrl || config.ttsBaseUrl);
}

export function createModelClients(config: EngineConfig): ModelClients | undefined {
  if (!modelsConfigured(config) || config.botEngine === 'off') return undefined;
  // Loaded now, at start or when Settings choose it, not at the first caller's greeting.
  if (config.ttsProvider === 'elevenlabs' && config.botEngine === 'pipeline') void loadElevenLabs().catch(() => undefined);
  const client = (baseURL: string | undefined) =>
    new OpenAI({
      // Local OpenAI-compatible servers often need no key; the SDK insists on one.
      apiKey: config.openaiApiKey ?? 'not-needed',
      baseURL: baseURL ?? config.openaiBaseUrl,
      // A voice turn cannot wait for retries: a failure gets the spoken fallback instead.
      maxRetries: 0,
      timeout: config.modelTimeoutMs,
    });
  const llm = client(config.llmBaseUrl);
  return { stt: client(config.sttBaseUrl), llm, tts: client(config.ttsBaseUrl), realtime: llm };
}
