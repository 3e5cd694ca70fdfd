// Removes what changes from run to run (timestamps, timing metadata) so two executions compare byte for byte.
import type { NotebookJson } from "./execute";

// Cell metadata keys that record when or how long a cell ran (nbclient, papermill, VS Code, JupyterLab).
const VOLATILE_CELL_KEYS = ["execution", "papermill", "ExecuteTime", "collapsed", "scrolled"];
// Notebook metadata keys that record a run rather than the content.
const VOLATILE_NB_KEYS = ["papermill", "widgets", "signature"];

/**
 * A copy of `nb` without execution timestamps and run-specific metadata; outputs and execution counts are kept.
 * Keys are written in a fixed order, so `serializeNotebook(normalizeNotebook(a)) === …(b)` when the outputs agree.
 * @param nb an nbformat v4 notebook
 */
export function normalizeNotebook(nb: NotebookJson): NotebookJson {
  const out = JSON.parse(JSON.stringify(nb)) as NotebookJson;
  for (const k of VOLATILE_NB_KEYS) delete out.metadata[k];
  for (const cell of out.cells) {
    for (const k of VOLATILE_CELL_KEYS) delete cell.metadata[k];
    for (const o of cell.outputs ?? []) {
      if (o.metadata && typeof o.metadata === "object") delete (o.metadata as Record<string, unknown>).execution;
    }
  }
  return sortKeys(out) as NotebookJson;
}

/** The notebook as nbformat writes it (1-space indent, sorted keys, final newline). */
export function serializeNotebook(nb: NotebookJson): string {
  return JSON.stringify(sortKeys(nb), null, 1) + "\n";
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return v;
}
