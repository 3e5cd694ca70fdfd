// Handout views of a notebook: the student version without solution cells, and check cells folded for HTML and PDF.
import { escapeText } from "entities";
import type { NotebookCell, NotebookJson } from "../jupyter";

/** Tag of a code cell holding a section's claims (one `rl.checks(...)` table). */
export const CHECKS_TAG = "checks";
/** Tag of the cells (markdown and code) of a worked solution; student handouts leave them out. */
export const SOLUTION_TAG = "solution";

/** The cell's `metadata.tags` (empty when absent). */
export function cellTags(cell: NotebookCell): string[] {
  const tags = (cell.metadata as { tags?: unknown } | undefined)?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
}

/** A deep copy of the notebook without the cells tagged `solution` (the student handout). */
export function withoutSolutions(nb: NotebookJson): NotebookJson {
  const copy = JSON.parse(JSON.stringify(nb)) as NotebookJson;
  copy.cells = copy.cells.filter((c) => !cellTags(c).includes(SOLUTION_TAG));
  return copy;
}

/** Escapes text for HTML. */
const esc = escapeText; // element text: & < > escaped (entities package)

/**
 * A deep copy for the HTML export in which every `checks` cell shows its table and, folded above it, its code
 * (`<details class="rnnlab-checks-code">`, hidden in print); the cell's own input is dropped by nbconvert
 * (`--TagRemovePreprocessor.remove_input_tags=checks`, see {@link FOLD_NBCONVERT_ARGS}). Also marks the cells
 * `jupyter.source_hidden` so JupyterLab and VS Code show them collapsed.
 */
export function foldChecks(nb: NotebookJson): NotebookJson {
  const copy = JSON.parse(JSON.stringify(nb)) as NotebookJson;
  for (const c of copy.cells) {
    if (c.cell_type !== "code" || !cellTags(c).includes(CHECKS_TAG)) continue;
    const src = Array.isArray(c.source) ? c.source.join("") : String(c.source ?? "");
    const fold = `<details class="rnnlab-checks-code"><summary>the code of these checks</summary><pre>${esc(src)}</pre></details>`;
    c.outputs = [{ output_type: "display_data", metadata: {}, data: { "text/html": fold, "text/plain": "[checks code]" } }, ...(c.outputs ?? [])];
    markSourceHidden(c);
  }
  return copy;
}

/** Marks a checks cell's code as collapsed in JupyterLab / VS Code (`metadata.jupyter.source_hidden`). */
export function markSourceHidden(c: NotebookCell): void {
  const md = (c.metadata ?? {}) as Record<string, unknown>;
  md.jupyter = { ...(md.jupyter as Record<string, unknown> | undefined), source_hidden: true };
  c.metadata = md;
}

/** A copy whose checks cells are collapsed in JupyterLab / VS Code (for the handout .ipynb). */
export function collapseChecks(nb: NotebookJson): NotebookJson {
  const copy = JSON.parse(JSON.stringify(nb)) as NotebookJson;
  for (const c of copy.cells) if (c.cell_type === "code" && cellTags(c).includes(CHECKS_TAG)) markSourceHidden(c);
  return copy;
}

/** nbconvert arguments that drop the input of checks cells (their code is folded into an output by foldChecks). */
export const FOLD_NBCONVERT_ARGS = [`--TagRemovePreprocessor.remove_input_tags=${CHECKS_TAG}`, "--TagRemovePreprocessor.enabled=True"];
