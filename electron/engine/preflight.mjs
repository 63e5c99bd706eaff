// Runs before `npm start`, `npm run serve` and `npm test`, on any Node (hence plain JavaScript):
// one clear line on a Node too old for Ringside, and dependencies installed on a fresh clone.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`Ringside needs Node 22.13 or newer (Node 24 recommended, see .nvmrc); this is Node ${process.versions.node}.`);
  process.exit(1);
}
if (!existsSync(new URL('../../node_modules/.package-lock.json', import.meta.url))) {
  console.error('Installing dependencies (first run)…');
  execSync('npm install', { stdio: 'inherit', cwd: new URL('../..', import.meta.url) });
}
