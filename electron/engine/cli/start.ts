// `npm start`: the desktop app when this machine has the Electron binary, else (one line saying
// so) the same engine under Node with the demo, and the web console opened in the browser.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../electron-binary.ts';
import { serve } from './serve.ts';
import { onStopRequest } from './stop-requests.ts';
import { say } from '../words.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export async function start(argv: string[]): Promise<void> {
  const binary = electronBinary();
  if (!binary) {
    process.stderr.write(`${say('cli.start.noElectron')}\n`);
    const engine = await serve(['--demo', ...argv], { openConsole: openInBrowser });
    openInBrowser(`${engine.consoleUrl}/#token=${engine.consoleToken}`);
    return;
  }
  const built = spawnSync(process.execPath, [fileURLToPath(new URL('../../../node_modules/electron-vite/bin/electron-vite.js', import.meta.url)), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  // On Linux and macOS the app gets a process group of its own, so a Ctrl-C in the terminal reaches
  // it once, through us: Electron quits cleanly on a first SIGTERM or SIGINT but dies on a second.
  const windows = process.platform === 'win32';
  const app = spawn(binary, ['.', ...argv], { cwd: root, stdio: 'inherit', detached: !windows });
  const exited = new Promise<number>((resolve) => app.on('exit', (code) => resolve(code ?? 0)));
  onStopRequest(async () => {
    // Windows has no signals to pass on (kill() would end the app at once): we exit, and the app,
    // started by this npm script, quits cleanly when it sees us gone (electron/main/index.ts).
    if (windows) return;
    app.kill('SIGTERM');
    await exited;
  });
  process.exit(await exited);
}

/** Opens the console where a person can see it; on CI or a headless server the printed link is enough. */
function openInBrowser(url: string): void {
  if (process.env.CI) return;
  const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (headless) return;
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  spawn(command, args as string[], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}
