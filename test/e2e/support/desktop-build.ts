// Builds the desktop app's main process and preload (`--mode shell`), after the web console.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'electron-vite';
import { ensureWebBuild } from './web-build.ts';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export async function buildDesktop(): Promise<void> {
  await ensureWebBuild();
  await build({ root: ROOT, configFile: join(ROOT, 'electron.vite.config.ts'), mode: 'shell', logLevel: 'warn' });
}
