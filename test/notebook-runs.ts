// One headless run of each notebook per test process, shared by the tests that need an executed notebook
// (notebooks.test.ts checks it for errors, reproducible.test.ts compares it with a second, fresh run).
import { executeNotebook } from "../kernel-lib/src/jupyter";

type Run = ReturnType<typeof executeNotebook>;
const runs = new Map<string, Run>();

/** The per-cell time limit of curriculum runs in the tests, in seconds (generous: a shared 2-core machine can be slow). */
export const CELL_TIMEOUT_S = 900;

/** The run of `path` in this process (started on first request, then shared). */
export function executedOnce(path: string): Run {
  let r = runs.get(path);
  if (r === undefined) {
    r = executeNotebook(path, { cellTimeout: CELL_TIMEOUT_S });
    runs.set(path, r);
  }
  return r;
}

/** A fresh run of `path`, never shared. */
export function executedFresh(path: string): Run {
  return executeNotebook(path, { cellTimeout: CELL_TIMEOUT_S });
}
