// The web console's build, shared by the preflight (`npm start`, `serve`, `test`) and the tests:
// plain JavaScript, because the preflight runs on any Node.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Newest modification time of the files under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** True when there is no build, or the console's sources changed since the last one. */
export function webConsoleStale() {
  const built = join(root, 'out/renderer/index.html');
  return !existsSync(built) || statSync(built).mtimeMs < Math.max(newest(join(root, 'renderer')), newest(join(root, 'shared')));
}

/**
 * Builds the console (into `outDir`, else out/renderer), always as the production bundle: Vite takes
 * NODE_ENV from the environment, and an inherited one (development, or vitest's "test") would give
 * React's development build, which is much slower with many live calls.
 */
export function buildWebConsole(outDir) {
  const elsewhere = outDir ? ` -- --outDir ${JSON.stringify(outDir)} --emptyOutDir` : '';
  execSync(`npm run build:web --silent${elsewhere}`, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
}
