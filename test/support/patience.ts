// How long a test may wait for a condition before it calls it failed. Tests wait for conditions,
// never for time, so these bounds cost nothing while tests pass; they only have to hold on a shared
// 2-core machine whose other processes slow every step several times over (a run under full CPU
// load took 3.6× as long as a quiet one). Every bound a test names is the quiet-machine figure,
// multiplied here once: `RINGSIDE_TEST_PATIENCE` (default 4) sets the factor.

export const PATIENCE = Math.max(1, Number(process.env.RINGSIDE_TEST_PATIENCE) || 4);

/** `ms` (what a quiet machine needs, with room) as the bound a loaded machine gets. */
export const patient = (ms: number): number => ms * PATIENCE;
