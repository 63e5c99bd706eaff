// `npm run lint:security`: Electronegativity over the desktop app's sources (main, preload, the
// renderer's page and code, shared), offline. Fails on any high or medium finding that is not
// justified in an `eng-disable` comment beside the code it concerns.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const electron = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

// Only what ships as app code: no tests, build output or dependencies.
const scan = mkdtempSync(join(tmpdir(), 'ringside-lint-'));
for (const dir of ['electron/main', 'electron/preload', 'shared', 'renderer/src', 'renderer/index.html']) cpSync(join(root, dir), join(scan, dir), { recursive: true });

const report = join(scan, 'findings.csv');
const run = spawnSync(process.execPath, ['-r', join(root, 'test/lint/offline-hooks.cjs'), cli, '-i', scan, '-r', '-e', electron, '-v', 'false', '-o', report], { encoding: 'utf8' });
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr);
  process.stderr.write('Electronegativity did not finish (see above).\n');
  process.exit(1);
}

interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
}
const findings: Finding[] = parseCsv(readFileSync(report, 'utf8'))
  .slice(1)
  .filter((row) => row.length >= 8)
  .map((row) => ({ check: row[0]!, severity: row[1]!, confidence: row[2]!, file: row[3]!, location: row[4]!, description: row[6]! }));
rmSync(scan, { recursive: true, force: true });

const blocking = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
for (const f of findings) process.stdout.write(`${f.severity.padEnd(13)} ${f.check.padEnd(28)} ${f.file}:${f.location}  ${f.description}\n`);
process.stdout.write(`Electronegativity (Electron ${electron}): ${findings.length} finding(s), ${blocking.length} high or medium.\n`);
process.exit(blocking.length ? 1 : 0);

/** RFC 4180 CSV: quoted cells may hold commas, doubled quotes and line breaks (the code samples do). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell.trim()), (cell = '');
    else if (c === '\n') row.push(cell.trim()), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  if (cell || row.length) row.push(cell.trim()), rows.push(row);
  return rows;
}
