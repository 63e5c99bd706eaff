// How a command line process learns that it must stop, on every platform.
import { startedByNpmScript, whenParentExits } from '../launcher-watch.ts';
import { say } from '../words.ts';

/**
 * The signals that ask a command to stop: SIGINT (Ctrl-C), SIGTERM (kill, service managers, npm
 * passing one on), SIGHUP (its terminal closed; on Windows, its console window) and, on Windows,
 * SIGBREAK (Ctrl-Break). Windows has no SIGTERM: see `whenParentExits` for npm there.
 */
export const STOP_SIGNALS: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGHUP', 'SIGBREAK'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Calls `stop(reason)` once when this process is asked to stop (one of `STOP_SIGNALS`, or, when a
 * Ringside npm script started it, that script's shell exiting), then exits: 0 once `stop`
 * resolves, 1 if it throws. Later requests are ignored while it stops: Ctrl-C under npm reaches
 * this process twice (from the terminal and forwarded by npm), and a second signal must not cut a
 * clean stop short.
 */
export function onStopRequest(stop: (reason: string) => Promise<void>): void {
  let stopping = false;
  const request = (reason: string) => {
    if (stopping) return;
    stopping = true;
    stop(reason).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`ringside: ${say('cli.stopFailed', { message: (error as Error).message })}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, () => request(signal));
  if (startedByNpmScript()) whenParentExits(() => request('the npm script that started Ringside ended'));
}
