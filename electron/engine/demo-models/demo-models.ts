// The built-in demo models: an OpenAI-compatible stand-in the engine serves on loopback, so the
// demo's calls show the bot (transcripts, answers, speech, tool calls, summaries) with no model
// configured. Only demo calls get its clients; its key is made for this run, so nothing else can
// use it. It starts with the demo and stops with the engine.
import { randomBytes } from 'node:crypto';
import OpenAI from 'openai';
import type { EngineConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { startListener, type Listener } from '../net/listener.ts';
import type { ModelClients } from '../pipeline/models.ts';
import { demoLanguage } from './script.ts';
import { demoModelsHandler, type DemoEndpoint } from './server.ts';

export interface DemoModelsOptions {
  logger: Logger;
  /** The settings in force (the bot's language, the model timeout). */
  config: () => EngineConfig;
}

export class DemoModels {
  /** Requests served so far, by endpoint. */
  readonly served: Record<DemoEndpoint, number> = { transcriptions: 0, chat: 0, speech: 0 };
  private readonly options: DemoModelsOptions;
  private readonly key = randomBytes(24).toString('base64url');
  private listener: Listener | undefined;
  private starting: Promise<void> | undefined;
  private stopped = false;
  private made: { timeout: number; clients: ModelClients } | undefined;

  constructor(options: DemoModelsOptions) {
    this.options = options;
  }

  /** Starts serving (once); resolves when the clients can be made. */
  start(): Promise<void> {
    return (this.starting ??= (async () => {
      const { logger, config } = this.options;
      const handler = demoModelsHandler({
        key: this.key,
        language: () => demoLanguage(config().botLanguage),
        served: (endpoint) => this.served[endpoint]++,
      });
      const listener = await startListener('demo-models', '127.0.0.1', 0, handler, logger);
      if (this.stopped) return void (await listener.close(0));
      this.listener = listener;
      logger.info('demo models: demo calls get a built-in stand-in for speech-to-text, the LLM and text-to-speech until a real model is set', { port: listener.port });
    })());
  }

  /** The clients of the demo models, through the same openai SDK as real ones; undefined until started. */
  clients(): ModelClients | undefined {
    if (!this.listener) return undefined;
    const timeout = this.options.config().modelTimeoutMs;
    if (this.made?.timeout !== timeout) {
      const client = new OpenAI({ apiKey: this.key, baseURL: `http://127.0.0.1:${this.listener.port}/v1`, maxRetries: 0, timeout });
      this.made = { timeout, clients: { stt: client, llm: client, tts: client, realtime: client } };
    }
    return this.made.clients;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting?.catch(() => undefined);
    await this.listener?.close(0);
    this.listener = undefined;
    this.made = undefined;
  }
}
