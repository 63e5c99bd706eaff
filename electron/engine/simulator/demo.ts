// The built-in demo: a handful of simulated calls, always going, so a newcomer sees live calls at
// once. Each call is marked as a demo in its timeline, so it is never taken for a real one.
import { callIdFor } from '../../../shared/call.ts';
import type { Timeline } from '../calls/timeline.ts';
import type { Logger } from '../log.ts';
import { plannedCall, SimulatedCall, type SimulationOptions } from './simulate.ts';

export interface DemoOptions extends SimulationOptions {
  timeline: Timeline;
  logger: Logger;
  /** Calls kept going at once. */
  calls?: number;
}

export interface Demo {
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
    await pause(index * 1500);
    while (running) {
      const call = new SimulatedCall(plannedCall(made++, 40 + Math.random() * 80), options);
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
    async stop() {
      running = false;
      stopped.abort();
      for (const call of current) call.end();
      await Promise.all(slots);
    },
  };
}
