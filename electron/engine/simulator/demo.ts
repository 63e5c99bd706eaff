// The built-in demo: a handful of simulated calls, always going, so a newcomer sees live calls at
// once. Each call is marked as a demo in its timeline, so it is never taken for a real one.
import { callIdFor } from '../../../shared/call.ts';
import type { Timeline } from '../calls/timeline.ts';
import type { Logger } from '../log.ts';
import { demoCallerLines, demoLanguage, demoScript, type DemoLanguage, type Scenario } from '../demo-models/script.ts';
import type { CallerStep } from './media-server.ts';
import { plannedCall, SimulatedCall, type SimulationOptions } from './simulate.ts';

export interface DemoOptions extends SimulationOptions {
  timeline: Timeline;
  logger: Logger;
  /** Calls kept going at once. */
  calls?: number;
  /** Settles when the demo may place its first call (the demo models are serving). */
  ready?: Promise<unknown>;
  /** The bot's language setting: the demo's callers speak it too (English or French). */
  language?: () => string;
}

/** The caller lets the bot's greeting end before speaking. */
const GREETING_MS = 5000;
/** After the script, the caller stays on the line this long (a bot's last answer, a goodbye). */
const AFTER_SCRIPT_MS = 4000;

/** A scenario of the demo's script as the caller's steps, in `language`, and how long it lasts (s). */
export function callerScript(scenario: Scenario, language: DemoLanguage): { steps: CallerStep[]; seconds: number } {
  const lines = demoCallerLines();
  const steps: CallerStep[] = [{ keys: '', pauseAfterMs: GREETING_MS }]; // silence while the bot greets
  scenario.turns.forEach((turn, index) => {
    const line = turn.caller && lines.find((l) => l.scenario === scenario && l.turn === index && l.language === language);
    if (line) steps.push({ samples: line.samples, pauseAfterMs: turn.pauseAfterMs });
    else if (turn.keys) steps.push({ keys: turn.keys, pauseAfterMs: turn.pauseAfterMs });
  });
  const ms = steps.reduce((sum, step) => sum + step.pauseAfterMs + ('samples' in step ? step.samples.length / 8 : step.keys.length * 240), 0);
  return { steps, seconds: (ms + AFTER_SCRIPT_MS) / 1000 };
}

export interface Demo {
  /** The calls in progress (tests read what their media servers received). */
  readonly calls: ReadonlySet<SimulatedCall>;
  /** Ends the calls in progress (each hangs up) and stops making new ones. */
  stop(): Promise<void>;
}

export function startDemo(options: DemoOptions): Demo {
  let running = true;
  const stopped = new AbortController();
  const current = new Set<SimulatedCall>();
  let made = 0;
  /** A pause that ends early when the demo stops. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      stopped.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });

  const slot = async (index: number) => {
    await options.ready;
    await pause(index * 1500);
    const scenarios = demoScript().scenarios;
    while (running) {
      // Each call plays one of the script's situations, in turn, in the bot's language.
      const scenario = scenarios[made % scenarios.length]!;
      const { steps, seconds } = callerScript(scenario, demoLanguage(options.language?.() ?? 'en'));
      const call = new SimulatedCall({ ...plannedCall(made++, seconds), script: steps }, options);
      current.add(call);
      await options.timeline.record(callIdFor('ringover', call.callId), { type: 'other', providerEvent: 'demo.call', onceKey: call.callId, detail: { demo: true } });
      await call.run();
      current.delete(call);
      if (call.error && running) {
        options.logger.warn('demo call failed; retrying shortly', { error: call.error });
        await pause(5000);
      }
      if (running) await pause(2000 + Math.random() * 4000);
    }
  };
  const slots = Array.from({ length: options.calls ?? 4 }, (_, i) => slot(i));

  return {
    calls: current,
    async stop() {
      running = false;
      stopped.abort();
      for (const call of current) call.end();
      await Promise.all(slots);
    },
  };
}
