// `npm run lint:security` is part of the test run: no high or medium Electronegativity finding
// may land unless a comment beside the code justifies it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { patient } from '../support/patience.ts';

const script = fileURLToPath(new URL('../lint/electronegativity.ts', import.meta.url));

describe('Electronegativity over the desktop app’s sources', () => {
  it('reports no high or medium finding', () => {
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stdout + run.stderr).toMatch(/, 0 high or medium\./);
    expect(run.status).toBe(0);
  }, patient(130_000));
});
