// The end-to-end tests drive the built console: build it when its sources changed since.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds the console as users get it, with the same script as `npm start`. Vite takes NODE_ENV from
 * the environment, and under vitest ("test") it would build React's development bundle: slower, and
 * left in place for the next `npm start` to serve.
 */
export function buildWebConsole(outDir?: string): void {
  const elsewhere = outDir ? ` -- --outDir ${JSON.stringify(outDir)} --emptyOutDir` : '';
  execSync(`npm run build:web --silent${elsewhere}`, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
}

export async function ensureWebBuild(): Promise<void> {
  const index = join(root, 'out/renderer/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newest(join(root, 'renderer')), newest(join(root, 'shared')))) return;
  buildWebConsole();
}
