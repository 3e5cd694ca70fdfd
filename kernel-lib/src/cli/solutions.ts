// The instructor's solutions handout of a homework: the source notebook (solutions and hidden tests in) executed, as .ipynb, HTML and PDF.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { buildHandout, type HandoutEvent } from "../handouts";
import { parseNotebook, stringifyNotebook } from "../grading/notebook";

/** The handout's name: `hw2-lstm-cell-source.ipynb` → `hw2-lstm-cell-solutions`. */
export function solutionsName(source: string): string {
  return basename(source).replace(/\.ipynb$/i, "").replace(/-source$/, "") + "-solutions";
}

/** A first cell saying what the handout is. */
const BANNER = "> **Instructor's solutions, not for students.** This is the source notebook executed: every solution, visible test and hidden test, "
  + "and the model answers of the manually graded cells (their rubric is in each cell's metadata, `rnnlab.rubric`).";

/**
 * Executes the source notebook in a fresh kernel and writes `<out>/<name>-solutions.{ipynb,html,pdf}` (see `solutionsName`)
 * through the handout builder (atomic: a failed run leaves no new file). Throws, naming the cell, when a cell fails.
 * @returns the paths written
 */
export async function writeSolutionsHandout(source: string, outDir: string, opts: { pdf?: boolean; cellTimeout?: number; onEvent?: (e: HandoutEvent) => void } = {}): Promise<string[]> {
  const name = solutionsName(source);
  const nb = parseNotebook(readFileSync(source, "utf8"), source);
  nb.cells.unshift({ cell_type: "markdown", id: "solutions-banner", metadata: {}, source: [BANNER] });
  // the copy sits beside the source, so the kernel (run in the notebook's folder) finds the library as the source would
  const dir = mkdtempSync(join(dirname(resolve(source)), ".solutions-"));
  try {
    const copy = join(dir, `${name}.ipynb`);
    writeFileSync(copy, stringifyNotebook(nb));
    const pdf = opts.pdf ?? true;
    await buildHandout(copy, resolve(outDir), { solutions: true, pdf, cellTimeout: opts.cellTimeout ?? 300, onEvent: opts.onEvent });
    return [".ipynb", ".html", ...(pdf ? [".pdf"] : [])].map((ext) => join(resolve(outDir), name + ext));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
