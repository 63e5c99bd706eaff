// Runs before `npm start`, `npm run serve` and `npm test`, on any Node (hence plain JavaScript):
// one clear line on a Node too old for Ringside, dependencies installed on a fresh clone, and the
// web console (re)built when its sources are newer than the last build.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebConsole, webConsoleStale } from './web-console-build.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`Ringside needs Node 22.13 or newer (Node 24 recommended); this is Node ${process.versions.node}. How to get Node 24 on Windows, macOS and Linux: README.md, "Getting Node 24".`);
  process.exit(1);
}
if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
  console.error('Installing dependencies (first run)…');
  execSync('npm install', { stdio: 'inherit', cwd: root });
}

if (webConsoleStale()) {
  console.error('Building the web console…');
  buildWebConsole();
}
