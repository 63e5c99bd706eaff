import { defineConfig } from 'vitest/config';
import { patient } from './test/support/patience.ts';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    // Tests set the environment they need: none of Ringside's variables from the developer's shell.
    setupFiles: ['test/support/clear-ringside-env.ts'],
    // Bounds, not waits: see test/support/patience.ts.
    testTimeout: patient(30_000),
    hookTimeout: patient(30_000),
    // Integration tests bind real ports and spawn engines; keep the 2-core CI machine calm.
    maxWorkers: 2,
  },
});
