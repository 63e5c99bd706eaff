// `node --import ./register.mjs out/main/index.js`: runs the built main process with the stand-in
// Electron below in place of the real one (for machines without the Electron binary).
import { register } from 'node:module';

register('./resolve-hook.mjs', import.meta.url);
