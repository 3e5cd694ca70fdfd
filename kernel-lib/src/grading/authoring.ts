// From an instructor's source notebook to the assignment model and the student version (solution regions stubbed, hidden tests removed, outputs cleared).
import { Notebook, NotebookCell, cellText, toSourceLines, cellKey } from "./notebook";
import { ManualSpec, manualSpec, MANUAL_STUB } from "./manual";

export const BEGIN_SOLUTION = /^\s*\/\/\s*BEGIN SOLUTION\b.*$/;
export const END_SOLUTION = /^\s*\/\/\s*END SOLUTION\b.*$/;
export const BEGIN_HIDDEN = /^\s*\/\/\s*BEGIN HIDDEN TESTS\b.*$/;
export const END_HIDDEN = /^\s*\/\/\s*END HIDDEN TESTS\b.*$/;

/** The stub that replaces a solution region, indented like the BEGIN line. */
export const STUB = ['// YOUR CODE HERE', 'throw new Error("not implemented");'];

export type CellKind = "markdown" | "setup" | "solution" | "test";

/** One cell of an assignment. `source` is the instructor's text; `student` what the student version shows. */
export interface AssignmentCell {
  key: string;
  kind: CellKind;
  points: number;
  source: string;
  student: string;
  cell: NotebookCell;
  /** Set on a manually graded answer (a markdown cell, see manual.ts): its points and rubric; it is not run. */
  manual?: ManualSpec;
}

export interface Assignment { notebook: Notebook; cells: AssignmentCell[]; totalPoints: number }

/**
 * Replaces every `// BEGIN SOLUTION` … `// END SOLUTION` region (marker lines included) by the stub
 * `// YOUR CODE HERE` + `throw new Error("not implemented");`, indented like the BEGIN line. Lines
 * outside regions are kept, so a region placed inside a function body keeps the signature:
 * `function f(x: Tensor): Tensor {` / region / `}` becomes a function that throws. Regions do not nest.
 */
export function stubSolutions(text: string, where = "cell"): string {
  const out: string[] = [];
  let inside = false;
  for (const line of text.split("\n")) {
    if (BEGIN_SOLUTION.test(line)) {
      if (inside) throw new Error(`${where}: nested // BEGIN SOLUTION`);
      inside = true;
      const indent = /^\s*/.exec(line)![0];
      out.push(...STUB.map((s) => indent + s));
    } else if (END_SOLUTION.test(line)) {
      if (!inside) throw new Error(`${where}: // END SOLUTION without BEGIN`);
      inside = false;
    } else if (!inside) out.push(line);
  }
  if (inside) throw new Error(`${where}: // BEGIN SOLUTION without END`);
  return out.join("\n");
}

/** Drops every `// BEGIN HIDDEN TESTS` … `// END HIDDEN TESTS` region, marker lines included. */
export function removeHiddenTests(text: string, where = "cell"): string {
  const out: string[] = [];
  let inside = false;
  for (const line of text.split("\n")) {
    if (BEGIN_HIDDEN.test(line)) { if (inside) throw new Error(`${where}: nested // BEGIN HIDDEN TESTS`); inside = true; }
    else if (END_HIDDEN.test(line)) { if (!inside) throw new Error(`${where}: // END HIDDEN TESTS without BEGIN`); inside = false; }
    else if (!inside) out.push(line);
  }
  if (inside) throw new Error(`${where}: // BEGIN HIDDEN TESTS without END`);
  return out.join("\n");
}

/**
 * Reads the assignment out of a source notebook. A code cell is a `test` cell when its metadata has
 * `nbgrader.grade: true` (points from `nbgrader.points`), a `solution` cell when `nbgrader.solution`
 * is true or it holds a solution region, else `setup`. Test and solution cells need a unique key
 * (`nbgrader.grade_id`, else the cell id).
 */
export function loadAssignment(nb: Notebook): Assignment {
  const cells: AssignmentCell[] = [];
  const seen = new Set<string>();
  nb.cells.forEach((cell, i) => {
    const text = cellText(cell);
    const meta = cell.metadata.nbgrader ?? {};
    const hasSolution = text.split("\n").some((l) => BEGIN_SOLUTION.test(l));
    let kind: CellKind = cell.cell_type !== "code" ? "markdown" : meta.grade && !meta.solution ? "test" : meta.solution || hasSolution ? "solution" : "setup";
    const key = cellKey(cell) ?? `cell-${i}`;
    if (kind === "test" || kind === "solution") {
      if (!cellKey(cell)) throw new Error(`loadAssignment: ${kind} cell ${i} needs metadata.nbgrader.grade_id or a cell id`);
      if (seen.has(key)) throw new Error(`loadAssignment: duplicate cell key "${key}"`);
      seen.add(key);
    }
    // a cell the student answers (nbgrader's grade + solution) is a solution cell, code or markdown: a written answer graded by
    // hand is a markdown one (`manual`), which no run sends to a kernel (plan.ts)
    if (meta.grade && meta.solution) kind = "solution";
    const where = `cell "${key}"`;
    const manual = manualSpec(cell, key);
    const student = manual ? MANUAL_STUB : kind === "markdown" ? text : removeHiddenTests(stubSolutions(text, where), where);
    if (kind === "test" && hasSolution) throw new Error(`loadAssignment: test cell "${key}" holds a solution region`);
    const points = kind === "test" ? Number(meta.points ?? 0) : 0;
    if (!(points >= 0)) throw new Error(`loadAssignment: cell "${key}" has invalid points ${String(meta.points)}`);
    cells.push({ key, kind, points, source: text, student, cell, ...(manual ? { manual } : {}) });
  });
  return { notebook: nb, cells, totalPoints: cells.reduce((s, c) => s + c.points, 0) };
}

/** The student version: solutions stubbed, hidden tests removed, outputs and execution counts cleared, every cell with an id. */
export function studentNotebook(a: Assignment): Notebook {
  const cells = a.cells.map((c, i): NotebookCell => {
    const meta = JSON.parse(JSON.stringify(c.cell.metadata)) as NotebookCell["metadata"];
    if (c.kind === "test" || c.kind === "setup") meta.nbgrader = { ...(meta.nbgrader ?? {}), locked: true };
    if (c.kind === "solution") meta.nbgrader = { ...(meta.nbgrader ?? {}), grade_id: c.key, solution: true };
    const cell: NotebookCell = { cell_type: c.cell.cell_type, id: c.cell.id ?? (c.key.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 64) || `cell-${i}`), metadata: meta, source: toSourceLines(c.student) };
    if (c.cell.cell_type === "code") { cell.outputs = []; cell.execution_count = null; }
    return cell;
  });
  return { nbformat: 4, nbformat_minor: Math.max(5, a.notebook.nbformat_minor), metadata: a.notebook.metadata, cells };
}
