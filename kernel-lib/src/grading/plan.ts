// Which code runs in which kernel: the source's own run (reference, validate) in one kernel; a submission's solution cells in the student kernel and the test cells, against stubs, in the test kernel.
import { Assignment, AssignmentCell } from "./authoring";
import { Notebook, cellKey, cellText, digest } from "./notebook";
import { DriverCell } from "./driver";
import { JAIL } from "./sandbox";
import { registerCell, serveCell, stubSolutionCell, wrapTestCell } from "./stubs";

/** Which code runs for each assignment cell: the source's, or the submission's for solution cells; `extra` cells are the student's additions. */
export interface RunPlan { cells: { key: string; kind: AssignmentCell["kind"] | "extra"; code: string | undefined }[] }

/**
 * A cell's kind as the runs see it: a markdown cell is never sent to a kernel, whatever its metadata says (a written answer
 * graded by hand is a markdown cell with `nbgrader.solution`, which the assignment counts as a solution cell).
 */
const runKind = (c: AssignmentCell): AssignmentCell["kind"] => (c.cell.cell_type === "code" ? c.kind : "markdown");

/** The plan of a notebook run as it is (the source for the reference run, a student's notebook for `validate`). */
export function ownPlan(a: Assignment): RunPlan {
  return { cells: a.cells.map((c) => ({ key: c.key, kind: runKind(c), code: c.source })) };
}

/**
 * The plan of a submission: every cell comes from the source (test cells with their hidden tests), except solution
 * cells, taken from the submission by key; code cells the student added (unknown keys) run after the known cell they
 * follow. Edited, deleted or renamed cells become notes.
 */
export function submissionPlan(a: Assignment, sub: Notebook): { plan: RunPlan; notes: string[]; missing: Set<string> } {
  const notes: string[] = [];
  const known = new Map(a.cells.map((c) => [c.key, c]));
  const subByKey = new Map<string, string>();
  const extrasAfter = new Map<string, string[]>();
  let anchor = "__start";
  for (const cell of sub.cells) {
    const key = cellKey(cell);
    const src = key ? known.get(key) : undefined;
    if (src && !subByKey.has(key!)) {
      subByKey.set(key!, cellText(cell));
      anchor = key!;
    } else if (cell.cell_type === "code" && cellText(cell).trim()) {
      extrasAfter.set(anchor, [...(extrasAfter.get(anchor) ?? []), cellText(cell)]);
    }
  }
  const missing = new Set<string>();
  const cells: RunPlan["cells"] = [];
  const pushExtras = (k: string) => (extrasAfter.get(k) ?? []).forEach((code, j) => cells.push({ key: `extra-after-${k}-${j}`, kind: "extra", code }));
  pushExtras("__start");
  for (const c of a.cells) {
    const given = subByKey.get(c.key);
    if (c.kind === "solution") {
      if (given === undefined) { missing.add(c.key); notes.push(`solution cell "${c.key}" is missing from the submission (deleted or renamed); tests that need it fail`); }
      cells.push({ key: c.key, kind: runKind(c), code: given });
    } else {
      if ((c.kind === "test" || c.kind === "setup") && given === undefined) notes.push(`${c.kind} cell "${c.key}" is missing from the submission; the original was used`);
      else if ((c.kind === "test" || c.kind === "setup") && digest(given!) !== digest(c.student)) notes.push(`${c.kind} cell "${c.key}" was edited; the original was used`);
      cells.push({ key: c.key, kind: runKind(c), code: c.source });
    }
    pushExtras(c.key);
  }
  const added = [...extrasAfter.values()].reduce((s, l) => s + l.length, 0);
  if (added) notes.push(`${added} added code cell(s) were run as part of the submission`);
  return { plan: { cells }, notes, missing };
}

/** Where a test cell's records go, relative to the kernel's working dir. */
export const resultFile = (i: number): string => `rnnlab-results/${i}.json`;

/** Steps of a one-kernel run (reference, validate): every cell in order, test cells recording with their expected values. */
export function ownSteps(plan: RunPlan, cellTimeout: number): { steps: DriverCell[]; results: Map<string, string> } {
  const steps: DriverCell[] = [];
  const results = new Map<string, string>();
  plan.cells.forEach((c, i) => {
    if (c.code === undefined || c.kind === "markdown") return;
    if (c.kind === "test") { results.set(c.key, resultFile(i)); steps.push({ key: c.key, code: wrapTestCell(c.code, resultFile(i), true), timeout: cellTimeout, replay: false }); }
    else steps.push({ key: `${c.key}#${i}`, code: c.code, timeout: cellTimeout, replay: true });
  });
  return { steps, results };
}

/**
 * Steps of a submission's two-kernel run. Student kernel: the setup cells, the submission's solution and added cells,
 * then the registration of the functions the source's solution cells declare. Test kernel: the setup cells and the
 * stubs (sent at the start, so they run while the student kernel runs its cells: test cells are blocks that declare
 * nothing, so running the set-up first changes nothing), then each test cell with its own FIFO pair (`fifoHost/<i>`, seen as `<fifoKernel>/<i>`, `/run/rnnlab/rpc/<i>` in both jails) while the
 * student kernel serves.
 */
export function gradeSteps(a: Assignment, plan: RunPlan, cellTimeout: number, fifoHost: string, fifoKernel: string = JAIL.rpc): { steps: DriverCell[]; results: Map<string, string>; notes: string[] } {
  const student: DriverCell[] = [], prelude: DriverCell[] = [], tests: DriverCell[] = [], notes: string[] = [];
  const results = new Map<string, string>();
  const functions: string[] = [];
  for (const c of a.cells) {
    if (runKind(c) !== "solution") continue;
    const s = stubSolutionCell(c.source);
    functions.push(...s.functions);
    if (s.unsupported.length) notes.push(`solution cell "${c.key}" declares ${s.unsupported.join(", ")}: test cells can only call the functions of solution cells`);
  }
  plan.cells.forEach((c, i) => {
    // the test kernel gets every stub, even for a solution cell the submission lacks (its calls then fail, not the cell)
    if (c.kind === "solution") prelude.push({ key: `stub-${c.key}#${i}`, kernel: "tests", code: stubSolutionCell(a.cells.find((x) => x.key === c.key)!.source).code, timeout: 60, replay: true, early: true });
    if (c.code === undefined || c.kind === "markdown") return;
    if (c.kind === "test") {
      results.set(c.key, resultFile(i));
      const fifo = `${fifoKernel}/${i}`;
      tests.push({ key: c.key, kernel: "tests", code: wrapTestCell(c.code, resultFile(i), false, fifo), timeout: cellTimeout, replay: false,
        serve: { code: serveCell(fifo), fifoDir: `${fifoHost}/${i}` } });
    } else if (c.kind === "solution") {
      student.push({ key: `${c.key}#${i}`, code: c.code, timeout: cellTimeout, replay: true });
    } else {
      // a set-up cell runs in the student kernel as the student version has it (a hidden region stays in the test kernel)
      const studentCode = c.kind === "setup" ? a.cells.find((x) => x.key === c.key)?.student ?? c.code : c.code;
      student.push({ key: `${c.key}#${i}`, code: studentCode, timeout: cellTimeout, replay: true });
      if (c.kind === "setup") prelude.push({ key: `tests-${c.key}#${i}`, kernel: "tests", code: c.code, timeout: cellTimeout, replay: true, early: true });
    }
  });
  student.push({ key: "__register", code: registerCell(functions), timeout: 60, replay: true });
  return { steps: [...student, ...prelude, ...tests], results, notes };
}
