// Removes what changes from run to run (timestamps, timing metadata) so two executions compare byte for byte.
import { sortKeys, type NotebookJson } from "../nbformat/notebook";

// Cell metadata keys that record when or how long a cell ran (nbclient, papermill, VS Code, JupyterLab).
const VOLATILE_CELL_KEYS = ["execution", "papermill", "ExecuteTime", "collapsed", "scrolled"];
// Notebook metadata keys that record a run rather than the content.
const VOLATILE_NB_KEYS = ["papermill", "widgets", "signature"];

/**
 * A copy of `nb` without execution timestamps and run-specific metadata; outputs and execution counts are kept.
 * Keys are written in a fixed order, so `serializeNotebook(normalizeNotebook(a)) === …(b)` when the outputs agree.
 * @param nb an nbformat v4 notebook
 */
export function normalizeNotebook(nb: NotebookJson, opts: { maskWallclock?: boolean } = {}): NotebookJson {
  const out = JSON.parse(JSON.stringify(nb)) as NotebookJson;
  if (opts.maskWallclock) maskWallclock(out);
  for (const k of VOLATILE_NB_KEYS) delete out.metadata[k];
  for (const cell of out.cells) {
    for (const k of VOLATILE_CELL_KEYS) delete cell.metadata[k];
    for (const o of cell.outputs ?? []) {
      if (o.metadata && typeof o.metadata === "object") delete (o.metadata as Record<string, unknown>).execution;
    }
  }
  return sortKeys(out) as NotebookJson;
}

/** Marks of an output that reports wall-clock measurements (see the display helpers' `wallclock` option). */
const WALLCLOCK = /rnnlab-wallclock|^\[wall-clock\]/m;

/**
 * Replaces, in place, every output that reports wall-clock measurements (an HTML element with the class
 * `rnnlab-wallclock`, or text starting with a `[wall-clock]` line) by a placeholder: only for comparing runs,
 * never for the handouts themselves.
 */
function maskWallclock(nb: NotebookJson): void {
  for (const cell of nb.cells) {
    if (!cell.outputs) continue;
    cell.outputs = cell.outputs.map((o) => {
      const texts = [o.text, ...Object.values((o.data ?? {}) as Record<string, unknown>)]
        .map((v) => (Array.isArray(v) ? v.join("") : typeof v === "string" ? v : ""));
      return texts.some((t) => WALLCLOCK.test(t)) ? { output_type: o.output_type, wallclock: "(masked for comparison)" } : o;
    });
  }
}

/** The notebook as nbformat writes it (1-space indent, sorted keys, final newline). */
export { serializeNotebook } from "../nbformat/notebook";
