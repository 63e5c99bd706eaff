// The console the tests drive (and `npm start` serves afterwards) is the production build, even
// when built from inside vitest, which runs with NODE_ENV=test.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWebConsole } from '../../electron/engine/web-console-build.mjs';
import { patient } from '../support/patience.ts';

describe('the web console build', () => {
  it('is React’s production bundle when built under vitest', () => {
    expect(process.env.NODE_ENV).toBe('test'); // what made Vite build the development bundle
    const outDir = mkdtempSync(join(tmpdir(), 'ringside-web-build-'));
    buildWebConsole(outDir);
    const script = readFileSync(join(outDir, 'index.html'), 'utf8').match(/src="\.\/(assets\/[^"]+\.js)"/)![1]!;
    const bundle = readFileSync(join(outDir, script), 'utf8');
    expect(bundle).toContain('Connected'); // the console itself (its connection status)
    expect(bundle).not.toContain('jsxDEV'); // the development JSX runtime
  }, patient(60_000));
});
