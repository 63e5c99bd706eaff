// Vitest setup file (vitest.config.ts): every test file starts with none of Ringside's variables,
// whatever the shell that ran `npm test` exports, and with a user config folder of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { clearRingsideEnv } from './ringside-env.ts';

clearRingsideEnv();

// The command line and the engine's start log speak the system's language (LC_ALL, LC_MESSAGES,
// LANG): tests read English unless they ask for French themselves.
process.env.LC_ALL = 'C.UTF-8';

// The default data folder (electron/engine/config/load.ts defaultDataDir) and Electron's userData
// derive from XDG_CONFIG_HOME (Linux), APPDATA (Windows) or the home folder (macOS). Pointed at a
// folder of this test file's own, neither a test nor a process it starts (which inherits this
// environment) can read or write the developer's Ringside: its store, its console token, or the
// `running-demo.json` of the Ringside they are running, which `simulate` would post calls into.
const userFolder = mkdtempSync(join(tmpdir(), 'ringside-test-user-'));
process.env.XDG_CONFIG_HOME = join(userFolder, 'config');
process.env.APPDATA = join(userFolder, 'AppData', 'Roaming');
// Only where the data folder comes from it: elsewhere tools the tests start (Chromium, its font
// cache) keep the real home folder.
if (process.platform === 'darwin') process.env.HOME = userFolder;

afterAll(() => rmSync(userFolder, { recursive: true, force: true, maxRetries: 3 }));
