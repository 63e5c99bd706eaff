// Starts and stops the built-in demo on a running engine (from `serve --demo` or the console's
// "start demo calls"). The demo signs its webhooks and opens its streams like a provider; secrets it
// needs and nobody set are made up for this run (never saved).
import { randomBytes } from 'node:crypto';
import type { Timeline } from '../calls/timeline.ts';
import type { SettingsStore } from '../config/settings-store.ts';
import type { Logger } from '../log.ts';
import { startDemo, type Demo } from './demo.ts';
import type { SimulatedCall } from './simulate.ts';
import { nameSetting } from '../../../shared/setting-names.ts';
import { removeRunningDemo, writeRunningDemo } from '../config/running-demo.ts';
import { say } from '../words.ts';

export interface DemoControl {
  readonly running: boolean;
  /** The demo's calls in progress (for tests: what each media server received). */
  calls(): SimulatedCall[];
  start(calls?: number): void;
  stop(): Promise<void>;
}

export interface DemoControlDeps {
  settings: SettingsStore;
  /** Where each demo call is marked as a demo, before it starts. */
  timeline: Timeline;
  logger: Logger;
  /** Where the engine listens (known once it is bound). */
  urls: () => { publicUrl: string; streamUrl: string };
  /** Made ready before the first call (the demo models); a failure is logged, the demo goes on. */
  prepare?: () => Promise<void>;
}

/** 0.0.0.0 and :: are where we listen, not addresses to connect to. */
const local = (url: string) => url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//127.0.0.1:');

export function createDemoControl({ settings, timeline, logger, urls, prepare }: DemoControlDeps): DemoControl {
  let demo: Demo | undefined;
  return {
    get running() {
      return demo !== undefined;
    },
    calls: () => [...(demo?.calls ?? [])],
    start(calls = 4) {
      if (demo) return;
      const made = () => randomBytes(18).toString('base64url');
      const config = settings.current;
      const missing: Record<string, string> = {};
      if (!config.ringoverWebhookSecret && !config.ringoverWebhookKeyCall) missing.ringoverWebhookSecret = made();
      if (!config.ringoverStreamerAuthToken) missing.ringoverStreamerAuthToken = made();
      if (Object.keys(missing).length) settings.useForDemo(missing);
      const ready = settings.current;
      const madeUp = Object.keys(missing) as ('ringoverWebhookSecret' | 'ringoverStreamerAuthToken')[];
      if (madeUp.length) {
        // Said instead of "webhooks are off": and `npm run simulate` finds them (never the operator's own).
        logger.info(say('cli.demo.madeUp', { count: madeUp.length, settings: madeUp.map((key) => nameSetting(key, 'cli')).join(', ') }));
        writeRunningDemo(config.dataDir, { pid: process.pid, webhooks: local(urls().publicUrl), target: local(urls().streamUrl), ...(missing.ringoverWebhookSecret && { webhookKey: missing.ringoverWebhookSecret }), ...(missing.ringoverStreamerAuthToken && { streamToken: missing.ringoverStreamerAuthToken }) });
      }
      logger.info(say('cli.demo.running'), { calls });
      const modelsReady = (prepare?.() ?? Promise.resolve()).catch((error: unknown) => logger.warn('demo models did not start: demo calls are monitor-only', { error }));
      demo = startDemo({
        ready: modelsReady,
        language: () => settings.current.botLanguage,
        timeline,
        logger: logger.child({ demo: true }),
        calls,
        webhooks: local(urls().publicUrl),
        target: local(urls().streamUrl),
        webhookKey: (ready.ringoverWebhookKeyCall ?? ready.ringoverWebhookSecret)!,
        streamToken: ready.ringoverStreamerAuthToken!,
      });
    },
    async stop() {
      const running = demo;
      demo = undefined;
      if (running) removeRunningDemo(settings.current.dataDir);
      await running?.stop();
    },
  };
}
