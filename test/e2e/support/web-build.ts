// The end-to-end tests drive the built console: build it when its sources changed since (the same
// check and build as `npm start`).
import { buildWebConsole, webConsoleStale } from '../../../electron/engine/web-console-build.mjs';

export async function ensureWebBuild(): Promise<void> {
  if (webConsoleStale()) buildWebConsole();
}
