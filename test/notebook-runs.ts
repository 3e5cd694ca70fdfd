// One headless run of each notebook per test process, shared by the tests that need an executed notebook
// (notebooks.test.ts checks it for errors, reproducible.test.ts compares it with a second, fresh run, which
// notebooks.test.ts starts at the same time so that the two runs share the machine's cores).
import { executeNotebook } from "../kernel-lib/src/jupyter";

type Run = ReturnType<typeof executeNotebook>;
const runs = new Map<string, Run>();

/** The per-cell time limit of curriculum runs in the tests, in seconds (generous: a shared 2-core machine can be slow). */
export const CELL_TIMEOUT_S = 900;

/** Fresh runs started early by `startFresh`, each handed out once. */
const early = new Map<string, Run>();

/** The run of `path` in this process (started on first request, then shared). */
export function executedOnce(path: string): Run {
  let r = runs.get(path);
  if (r === undefined) {
    r = executeNotebook(path, { cellTimeout: CELL_TIMEOUT_S });
    runs.set(path, r);
  }
  return r;
}

/**
 * Starts the fresh run of `path` now, beside the shared one (a second kernel on a second core), for a later
 * `executedFresh`. Its failure is kept for whoever takes it, never reported as unhandled.
 */
export function startFresh(path: string): void {
  if (early.has(path)) return;
  const r = executeNotebook(path, { cellTimeout: CELL_TIMEOUT_S });
  r.catch(() => undefined);
  early.set(path, r);
}

/** A fresh run of `path`, never shared (the one `startFresh` began, if any). */
export function executedFresh(path: string): Run {
  const r = early.get(path);
  if (r !== undefined) {
    early.delete(path);
    return r;
  }
  return executeNotebook(path, { cellTimeout: CELL_TIMEOUT_S });
}
