// Vitest setup file (vitest.config.ts): every test file starts with none of Ringside's variables,
// whatever the shell that ran `npm test` exports.
import { clearRingsideEnv } from './ringside-env.ts';

clearRingsideEnv();

// The command line and the engine's start log speak the system's language (LC_ALL, LC_MESSAGES,
// LANG): tests read English unless they ask for French themselves.
process.env.LC_ALL = 'C.UTF-8';
