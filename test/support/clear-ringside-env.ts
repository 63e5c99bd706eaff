// Vitest setup file (vitest.config.ts): every test file starts with none of Ringside's variables,
// whatever the shell that ran `npm test` exports.
import { clearRingsideEnv } from './ringside-env.ts';

clearRingsideEnv();
