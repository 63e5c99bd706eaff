// An engine whose Ringover API is the stand-in (test/fakes/fake-ringover-api.ts): the key it knows,
// waits shortened so retries cost little, reconciliation off until a test runs it.
import type { EngineConfig } from '../../../electron/engine/config/schema.ts';
import type { Engine } from '../../../electron/engine/engine.ts';
import { FakeRingoverApi, type FakeArea } from '../../fakes/fake-ringover-api.ts';
import { startEngine } from './engine.ts';

export const RINGOVER_KEY = 'it-ringover-api-key-0001';
export const ALL_AREAS: FakeArea[] = ['calls', 'contacts', 'users', 'numbers', 'presences', 'callback', 'sms'];

export async function startRingoverRig(areas: FakeArea[] = ALL_AREAS, overrides: Partial<EngineConfig> = {}): Promise<{ engine: Engine; fake: FakeRingoverApi; stop: () => Promise<void> }> {
  const fake = await new FakeRingoverApi().start();
  fake.keys.set(RINGOVER_KEY, new Set(areas));
  const engine = await startEngine(
    { ringoverApiKey: RINGOVER_KEY, ringoverApiBaseUrl: fake.url, ringoverReconcileMinutes: 0, ...overrides },
    { ringoverClient: { backoffMs: 20, requestsPerSecond: 200, timeoutMs: 5000 } },
  );
  return { engine, fake, stop: async () => void (await Promise.all([engine.stop(), fake.stop()])) };
}

/** Resolves with `check()`'s first truthy answer, polled; fails after `ms`. */
export async function waitFor<T>(check: () => T | Promise<T>, ms: number, what: string): Promise<NonNullable<Awaited<T>>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<Awaited<T>>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
