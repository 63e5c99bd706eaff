// Runs before `npm start`, `npm run serve` and `npm test`, on any Node (hence plain JavaScript):
// one clear line on a Node too old for Ringside, dependencies installed on a fresh clone, and the
// web console (re)built when its sources are newer than the last build.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`Ringside needs Node 22.13 or newer (Node 24 recommended, see .nvmrc); this is Node ${process.versions.node}.`);
  process.exit(1);
}
if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
  console.error('Installing dependencies (first run)…');
  execSync('npm install', { stdio: 'inherit', cwd: root });
}

/** Newest modification time of the files under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = join(root, 'out/renderer/index.html');
const sources = Math.max(newest(join(root, 'renderer')), newest(join(root, 'shared')));
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.error('Building the web console…');
  // Always the production bundle: an inherited NODE_ENV (development, test) would give React's
  // development build, which is much slower with many live calls.
  execSync('npm run build:web --silent', { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_ENV: 'production' } });
}
