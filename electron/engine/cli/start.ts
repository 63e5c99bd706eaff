// `npm start`: the desktop app when this machine has the Electron binary, else (one line saying
// so) the same engine under Node with the demo, and the web console opened in the browser.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../electron-binary.ts';
import { serve } from './serve.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export async function start(argv: string[]): Promise<void> {
  const binary = electronBinary();
  if (!binary) {
    process.stderr.write('Electron binary unavailable (node_modules/electron has none downloaded): starting the web console with the demo instead.\n');
    const engine = await serve(['--demo', ...argv]);
    openInBrowser(`${engine.consoleUrl}/#token=${engine.consoleToken}`);
    return;
  }
  const built = spawnSync(process.execPath, [fileURLToPath(new URL('../../../node_modules/electron-vite/bin/electron-vite.js', import.meta.url)), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const app = spawn(binary, ['.', ...argv], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.kill(signal));
  app.on('exit', (code) => process.exit(code ?? 0));
}

/** Opens the console where a person can see it; on CI or a headless server the printed link is enough. */
function openInBrowser(url: string): void {
  if (process.env.CI) return;
  const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (headless) return;
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  spawn(command, args as string[], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}
