// Long test work started when mocha loads the test files, one job at a time beside the tests: most of the suite runs
// on one core, so the stored-record re-runs (pure computation in child processes) use the other one, and the test that
// needs a result waits for it. Notebook kernels are not queued here: they would run beside the grader's tests, whose
// jails hard-link the library, and slow down its jailed kernels. On only under `npm test` (RNNLAB_TEST_BACKGROUND=1),
// so that a single test file run by hand starts nothing it does not need.

/** True when the suite runs whole (`npm test`): long jobs start at load time, in the order the tests need them. */
export const BACKGROUND = process.env.RNNLAB_TEST_BACKGROUND === "1";

let tail: Promise<unknown> = Promise.resolve();

/**
 * Runs `job` after every job queued before it (one at a time) and returns its result. A failure is kept for the test
 * that awaits it, never reported as unhandled, and does not stop the jobs behind it.
 */
export function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const p = tail.then(job, job);
  tail = p.catch(() => undefined);
  p.catch(() => undefined);
  return p;
}
