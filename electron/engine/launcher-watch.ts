// When an npm script starts Ringside, npm runs it through a shell (`sh -c …` on Linux and macOS,
// `cmd.exe /d /s /c …` on Windows) and forwards the signals it gets to that shell only. A POSIX
// shell dies of SIGTERM without passing it on, and on Windows npm terminates cmd.exe outright, so
// the command it ran is left behind without a parent, still holding its ports. A command started
// by one of Ringside's npm scripts therefore stops by itself once the process that started it exits.

/** The npm scripts (package.json) whose command is a Ringside process. */
export const RINGSIDE_SCRIPTS = new Set(['start', 'serve', 'simulate']);

/** True when one of Ringside's npm scripts started this process (npm names the script in `npm_lifecycle_event`). */
export function startedByNpmScript(env: Record<string, string | undefined> = process.env): boolean {
  return RINGSIDE_SCRIPTS.has(env.npm_lifecycle_event ?? '');
}

/** Whether a process exists (one we may not signal still exists: EPERM). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `gone` once, when the process that started this one (`parent`: its pid, read at start-up)
 * has exited: on Linux and macOS this process is re-parented (its `ppid` changes), on Windows the
 * parent's pid stops answering. Looks every `everyMs` (default 500 ms) on a timer that never keeps
 * the process alive. Returns a function that stops watching.
 */
export function whenParentExits(gone: () => void, { parent = process.ppid, everyMs = 500 } = {}): () => void {
  const timer = setInterval(() => {
    if (process.ppid === parent && processExists(parent)) return;
    clearInterval(timer);
    gone();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
