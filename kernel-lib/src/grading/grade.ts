// Grading: builds each graded notebook from the SOURCE's cells and the submission's solution cells, runs it jailed, and scores the observed values against the solution's, outside every kernel.
import { mkdtempSync, rmSync, copyFileSync, readFileSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import { basename, join, resolve } from "node:path";
import { Assignment, AssignmentCell } from "./authoring";
import { Notebook, parseNotebook, cellText, cellKey, digest } from "./notebook";
import { runCells, DriverCell, CellRun } from "./driver";
import { writeSandboxKernelSpec } from "./sandbox";
import { preambleCell, wrapTestCell, parseCellReport, cellErrorText, newNonce, CheckRecord, CellReport } from "./harness";
import { compareClose, compareEqual, Verdict } from "./checks";

export interface GradeOptions {
  /** Workspace root (its node_modules and kernel-lib/dist are what the kernel may read). */
  repoRoot: string;
  /** Seconds per cell (default 30) and per notebook (default 600). */
  cellTimeout?: number;
  notebookTimeout?: number;
  /** Kernel heap limit in MB (default 1024). */
  heapMB?: number;
  /** Paths the kernel must never see (the source notebook, the output folder). */
  hide?: string[];
  /** Submissions graded at once (default: number of cores). */
  parallel?: number;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent = { student: string; phase: "start" | "cell" | "done"; cell?: string; status?: string; score?: number };

/** One check's outcome as the report shows it. */
export interface CheckResult { label: string; passed: boolean; message: string }
/** One graded cell of one student. */
export interface CellGrade { key: string; points: number; maxPoints: number; checks: CheckResult[]; error?: string; status: string }
/** One student's grade. */
export interface StudentGrade { student: string; file: string; total: number; maxTotal: number; cells: CellGrade[]; notes: string[] }

/** Results of one run: per test cell, what it reported and how the cell ended. */
export interface RunResult { reports: Map<string, CellReport>; runs: Map<string, CellRun>; order: string[] }

/** Which code runs in the kernel for each assignment cell: the source's, or the submission's for solution cells. */
export interface RunPlan { cells: { key: string; kind: AssignmentCell["kind"] | "extra"; code: string | undefined }[] }

/** Executes a plan in a fresh jailed kernel inside a fresh empty working dir (plus `files` copied in). */
export async function executePlan(plan: RunPlan, opts: GradeOptions & { files?: string[]; student?: string; keepExpected?: boolean }): Promise<RunResult> {
  const work = mkdtempSync(join(tmpdir(), "rnnlab-work-"));
  const spec = mkdtempSync(join(tmpdir(), "rnnlab-spec-"));
  try {
    for (const f of opts.files ?? []) copyFileSync(f, join(work, basename(f)));
    const { kernelName } = writeSandboxKernelSpec({ repoRoot: opts.repoRoot, workDir: work, specDir: spec, heapMB: opts.heapMB, hide: opts.hide });
    const nonce = newNonce();
    const tokens = new Map<string, string>();
    const timeout = opts.cellTimeout ?? 30;
    const cells: DriverCell[] = [{ key: "__preamble", code: preambleCell(nonce, opts.keepExpected ?? false), timeout: 60, replay: true }];
    for (const [i, c] of plan.cells.entries()) {
      if (c.code === undefined || c.kind === "markdown") continue;
      if (c.kind === "test") {
        const token = newNonce();
        tokens.set(c.key, token);
        cells.push({ key: c.key, code: wrapTestCell(c.code, nonce, token), timeout, replay: false });
      } else cells.push({ key: `${c.key}#${i}`, code: c.code, timeout, replay: true });
    }
    const runs = await runCells(cells, {
      jupyterPath: spec, kernelName, cwd: work, notebookTimeout: opts.notebookTimeout ?? 600,
      onCell: (r) => opts.onProgress?.({ student: opts.student ?? "", phase: "cell", cell: r.key, status: r.status }),
    });
    const byKey = new Map(runs.map((r) => [r.key, r]));
    const reports = new Map<string, CellReport>();
    for (const [key, token] of tokens) reports.set(key, parseCellReport(byKey.get(key)?.outputs ?? [], token));
    return { reports, runs: byKey, order: cells.map((c) => c.key) };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(spec, { recursive: true, force: true });
  }
}

/** The plan of the source itself (solutions and hidden tests in). */
export function sourcePlan(a: Assignment): RunPlan {
  return { cells: a.cells.map((c) => ({ key: c.key, kind: c.kind, code: c.source })) };
}

/** The plan of a notebook run as it is (what `validate` does): its own cells, its own (visible) tests. */
export function ownPlan(a: Assignment): RunPlan {
  return sourcePlan(a);
}

/**
 * The plan of a submission: every cell comes from the source (test cells with their hidden tests),
 * except solution cells, taken from the submission by key; code cells the student added (unknown
 * keys) run after the known cell they follow. Edited, deleted or renamed cells become notes.
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
      cells.push({ key: c.key, kind: c.kind, code: given });
    } else {
      if ((c.kind === "test" || c.kind === "setup") && given === undefined) notes.push(`${c.kind} cell "${c.key}" is missing from the submission; the original was used`);
      else if ((c.kind === "test" || c.kind === "setup") && digest(given!) !== digest(c.student)) notes.push(`${c.kind} cell "${c.key}" was edited; the original was used`);
      cells.push({ key: c.key, kind: c.kind, code: c.source });
    }
    pushExtras(c.key);
  }
  if ([...extrasAfter.values()].some((l) => l.length)) notes.push(`${[...extrasAfter.values()].reduce((s, l) => s + l.length, 0)} added code cell(s) were run as part of the submission`);
  return { plan: { cells }, notes, missing };
}

const verdictOf = (r: CheckRecord, reference: CheckRecord): Verdict =>
  r.kind !== reference.kind || r.label !== reference.label
    ? { ok: false, why: "the test cell reported a different check here" }
    : reference.kind === "close" ? compareClose(r.actual, reference.actual, reference.tol ?? {}) : compareEqual(r.actual, reference.actual);

/**
 * Scores one test cell: check i of the run is compared with check i of the reference run (the
 * solution's observed value, with the tolerance the test gave); points × passed / checks.
 * With `selfCheck`, each record is compared with the expected value written in the test (validate).
 */
export function scoreCell(c: AssignmentCell, run: RunResult, reference: RunResult | "self", prefixError?: string): CellGrade {
  const rep = run.reports.get(c.key) ?? { records: [], emitted: false };
  const cellRun = run.runs.get(c.key);
  const refRecords = reference === "self" ? rep.records : reference.reports.get(c.key)?.records ?? [];
  const checks: CheckResult[] = [];
  let error = rep.error;
  if (!rep.emitted) {
    const status = cellRun?.status ?? "skipped";
    error = status === "timeout" ? `the cell ran past its time limit (an infinite loop?); the kernel was restarted`
      : status === "dead" ? `the kernel died during this cell (memory limit exceeded or crash); it was restarted`
      : status === "skipped" ? `not run: the notebook's time limit was reached`
      : cellErrorText(cellRun?.outputs ?? []) ?? "the test cell reported no results";
  }
  if (prefixError) error = error ? `${prefixError}\n${error}` : prefixError;
  refRecords.forEach((ref, i) => {
    const r = rep.records[i];
    const label = ref.label;
    const hint = ref.hint ? ` — ${ref.hint}` : "";
    if (!r) { checks.push({ label, passed: false, message: `${label}: not reached${error ? " (the cell stopped with an error)" : ""}` }); return; }
    const v = reference === "self"
      ? (r.kind === "close" ? compareClose(r.actual, r.expected, r.tol ?? {}) : compareEqual(r.actual, r.expected))
      : verdictOf(r, ref);
    checks.push({ label, passed: v.ok, message: v.ok ? `${label}: passed` : `${label}: ${v.why}${hint}` });
  });
  if (refRecords.length === 0 && c.points > 0) checks.push({ label: "test cell", passed: false, message: "the test cell recorded no checks" });
  const passed = checks.filter((x) => x.passed).length;
  const points = checks.length ? Math.round((c.points * passed / checks.length) * 100) / 100 : 0;
  return { key: c.key, points, maxPoints: c.points, checks, error, status: cellRun?.status ?? "skipped" };
}

/** Runs the source with its solutions and checks that every check passes against its own expected values; returns the reference run. */
export async function referenceRun(a: Assignment, opts: GradeOptions): Promise<RunResult> {
  const ref = await executePlan(sourcePlan(a), { ...opts, student: "(solution)", keepExpected: true });
  const failures: string[] = [];
  for (const c of a.cells.filter((x) => x.kind === "test")) {
    const g = scoreCell(c, ref, "self");
    if (g.error || g.checks.some((x) => !x.passed) || g.checks.length === 0) failures.push(`${c.key}: ${[g.error, ...g.checks.filter((x) => !x.passed).map((x) => x.message)].filter(Boolean).join("; ")}`);
  }
  if (failures.length) throw new Error(`the source notebook does not pass its own tests:\n  ${failures.join("\n  ")}`);
  return ref;
}

/** Grades one submission file against the reference run; never throws for a bad submission. */
export async function gradeOne(a: Assignment, reference: RunResult, file: string, student: string, opts: GradeOptions): Promise<StudentGrade> {
  const tests = a.cells.filter((c) => c.kind === "test");
  const zero = (why: string): StudentGrade => ({
    student, file, total: 0, maxTotal: a.totalPoints, notes: [why],
    cells: tests.map((c) => ({ key: c.key, points: 0, maxPoints: c.points, checks: [], error: why, status: "skipped" })),
  });
  let sub: Notebook;
  try { sub = parseNotebook(readFileSync(file, "utf8"), basename(file)); } catch (e) { return zero((e as Error).message); }
  const { plan, notes, missing } = submissionPlan(a, sub);
  opts.onProgress?.({ student, phase: "start" });
  let run: RunResult;
  try {
    run = await executePlan(plan, { ...opts, files: [file], student });
  } catch (e) { return zero(`grading failed: ${(e as Error).message}`); }
  const solutionErrors = plan.cells.flatMap((c, i) => {
    const r = c.kind === "solution" || c.kind === "extra" ? run.runs.get(`${c.key}#${i}`) : undefined;
    return r && r.status !== "ok" ? [`cell "${c.key}": ${statusText(r)}`] : [];
  });
  for (const e of solutionErrors) notes.push(`error in ${e}`);
  const prefix = missing.size ? `missing solution cell(s): ${[...missing].join(", ")}` : undefined;
  const cells = tests.map((c) => scoreCell(c, run, reference, prefix));
  const total = Math.round(cells.reduce((s, c) => s + c.points, 0) * 100) / 100;
  opts.onProgress?.({ student, phase: "done", score: total });
  return { student, file, total, maxTotal: a.totalPoints, cells, notes };
}

/** A failed cell's status in words (the error text, or what stopped the kernel). */
function statusText(r: CellRun): string {
  return r.status === "error" ? cellErrorText(r.outputs) ?? "error"
    : r.status === "timeout" ? "ran past its time limit (an infinite loop?); the kernel was restarted"
    : r.status === "dead" ? "the kernel died (memory limit exceeded or crash); it was restarted"
    : "not run: the notebook's time limit was reached";
}

/** Student names from file names (the folder name when files share a name), made unique. */
export function studentNames(files: string[]): string[] {
  const base = files.map((f) => basename(f).replace(/\.ipynb$/i, ""));
  const names = base.map((b, i) => (base.filter((x) => x === b).length > 1 ? `${basename(resolve(files[i]!, ".."))}-${b}` : b));
  const seen = new Map<string, number>();
  return names.map((n) => { const k = (seen.get(n) ?? 0) + 1; seen.set(n, k); return k > 1 ? `${n}-${k}` : n; });
}

/** Grades every submission (reference run first, then `parallel` at a time); results in input order. */
export async function gradeAll(a: Assignment, files: string[], opts: GradeOptions): Promise<StudentGrade[]> {
  const reference = await referenceRun(a, opts);
  const names = studentNames(files);
  const results: StudentGrade[] = new Array(files.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(opts.parallel ?? cpus().length, files.length)) }, async () => {
    while (next < files.length) {
      const i = next++;
      results[i] = await gradeOne(a, reference, files[i]!, names[i]!, opts);
    }
  });
  await Promise.all(workers);
  return results;
}

/** `validate`: runs a notebook's own cells (its visible tests) jailed and scores each check against the expected value the test wrote. */
export async function validateNotebook(a: Assignment, file: string, opts: GradeOptions): Promise<StudentGrade> {
  const run = await executePlan(ownPlan(a), { ...opts, student: basename(file), keepExpected: true });
  const cells = a.cells.filter((c) => c.kind === "test").map((c) => scoreCell(c, run, "self"));
  const notes = [...run.runs.values()].filter((r) => r.key.includes("#") && r.status !== "ok")
    .map((r) => `error in cell "${r.key.split("#")[0]}": ${statusText(r)}`);
  const total = Math.round(cells.reduce((s, c) => s + c.points, 0) * 100) / 100;
  return { student: basename(file), file, total, maxTotal: a.totalPoints, cells, notes };
}

/**
 * `assign`'s check: the source passes every test (throws otherwise) and the student version, graded
 * like a submission, scores zero on every graded cell. Returns the problems found (empty when fine).
 */
export async function checkStudentVersion(a: Assignment, studentFile: string, opts: GradeOptions): Promise<string[]> {
  const reference = await referenceRun(a, opts);
  const g = await gradeOne(a, reference, studentFile, "student-version", opts);
  return g.cells.filter((c) => c.points > 0).map((c) => `the student version already earns ${c.points} point(s) in "${c.key}": the test does not depend on the solution`);
}
