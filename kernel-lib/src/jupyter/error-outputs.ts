// Finds the outputs that signal a failure in an executed notebook: error outputs and stderr streams (tslab's errors).
import { firstSourceLine, type NotebookJson } from "./execute";

/** One failing output: the cell index (0-based among all cells), its first source line and the output text. */
export interface ErrorOutput {
  index: number;
  firstLine: string;
  kind: "error" | "stderr";
  text: string;
}

/**
 * Every `error` output and every `stderr` stream of a notebook (tslab writes type errors and exceptions to stderr),
 * so a test can fail on any of them with the cell named.
 * @param nb an executed nbformat v4 notebook
 */
export function findErrorOutputs(nb: NotebookJson): ErrorOutput[] {
  const found: ErrorOutput[] = [];
  nb.cells.forEach((cell, index) => {
    const firstLine = firstSourceLine(cell);
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "error") {
        found.push({ index, firstLine, kind: "error", text: `${o.ename}: ${o.evalue}\n${(o.traceback ?? []).join("\n")}` });
      } else if (o.output_type === "stream" && o.name === "stderr") {
        found.push({ index, firstLine, kind: "stderr", text: Array.isArray(o.text) ? o.text.join("") : o.text ?? "" });
      }
    }
  });
  return found;
}
