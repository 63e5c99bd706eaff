// How a pipeline stage fails: with the stage's name for the card and the log ("text-to-speech
// failed: …"), and a stall reported as the stall rather than the SDK's "Request was aborted".

/** A stage failed; `stage` names it the way the card says it. */
export class StageError extends Error {
  readonly stage: string;
  constructor(stage: string, cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause }); // kept: the stream's end is told apart by it
    this.stage = stage;
  }
}

/** Why a turn was stopped on purpose (barge-in, a new turn, the call ending): never a failure. */
export class Interrupted extends Error {}

/** Aborts when a model goes `ms` without progress (or when `parent` aborts). */
export function stallGuard(ms: number, parent: AbortSignal) {
  const controller = new AbortController();
  const onParent = () => controller.abort(parent.reason);
  if (parent.aborted) onParent();
  else parent.addEventListener('abort', onParent, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no answer within ${ms} ms`)), ms).unref();
  };
  arm();
  return {
    signal: controller.signal,
    /** The model made progress: the stall clock starts again. */
    progress: arm,
    done: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onParent);
    },
  };
}

/** The error a stage reports: the stall behind an aborted request, else what it threw. */
export function stageError(stage: string, guard: AbortSignal, error: unknown): unknown {
  if (error instanceof StageError) return error;
  if (guard.aborted && guard.reason instanceof Interrupted) return guard.reason;
  return new StageError(stage, guard.aborted ? guard.reason : error);
}
