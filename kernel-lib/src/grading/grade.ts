// Grading: the source runs once (the reference); each submission runs in a jailed student kernel that only serves its functions, while a jailed test kernel runs the test cells against them; scores are computed here, outside every kernel.
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { basename, resolve } from "node:path";
import { Assignment } from "./authoring";
import { Notebook, parseNotebook } from "./notebook";
import { JAIL, jailMode } from "./sandbox";
import { gradeSteps, ownPlan, ownSteps, submissionPlan } from "./plan";
import { executeSteps, fifoDir, RunOptions, RunResult } from "./run";
import { releaseTempDir } from "../jupyter/cleanup";
import { CellGrade, roundPoints, scoreCell, statusText } from "./score";
import { AssignmentInfo, fileHash, storeResult, storedResult } from "./store";
import type { Flag, StudentGrade } from "./grade-types";

export type { CellGrade, CheckResult } from "./score";
export type { Flag, StudentGrade } from "./grade-types";

export interface GradeOptions extends RunOptions {
  /** Submissions graded at once (default: number of cores). */
  parallel?: number;
  /** Where each result is stored as soon as it is known (and found again on resume). */
  outDir?: string;
  /** Grade only submission k of the sorted names with k mod count = index − 1. */
  shard?: { index: number; count: number };
  onProgress?: (event: ProgressEvent) => void;
}

/** Progress: `done` of `total` submissions, with the one just finished. */
export type ProgressEvent = { student: string; phase: "start" | "done" | "resumed"; done: number; total: number; score?: number; seconds?: number };


/** The error `grade` gives when no jail can be made and `--no-sandbox` was not passed. */
export const NO_JAIL = "bubblewrap cannot create its sandbox here (is the bubblewrap package installed, and may this machine create user namespaces?); refusing to grade unjailed: a submission would run with the grader's rights. Install bubblewrap, or pass --no-sandbox to grade anyway (every report then says so)";

const SANDBOX_OFF = "sandbox off: this submission ran without the jail (--no-sandbox); it could read and change anything the grader can";

/** The flags a run earned: timeouts, dead kernels, capped output, protocol errors. */
function flagsOf(run: RunResult, noSandbox: boolean): Flag[] {
  const f = new Set<Flag>();
  if (noSandbox) f.add("sandbox off");
  for (const r of run.runs.values()) {
    if (r.status === "timeout" || r.served === "timeout") f.add("timeout");
    if (r.status === "dead" || r.served === "dead") f.add("kernel died");
    if (r.capped) f.add("output capped");
  }
  for (const rep of run.reports.values()) if (rep.error && /protocol error/.test(rep.error)) f.add("protocol error");
  if (run.kernelErrors.length) f.add("kernel died");
  return [...f];
}

/** The error of a source notebook whose solutions fail its own tests (the command line exits 1: the work failed, no bug). */
export class SourceFailsItsTests extends Error {
  constructor(failures: string[]) {
    super(`the source notebook does not pass its own tests:\n  ${failures.join("\n  ")}`);
    this.name = "SourceFailsItsTests";
  }
}

/** Runs the source with its solutions in one kernel and checks that every check passes against its own expected values; returns the reference run. */
export async function referenceRun(a: Assignment, opts: RunOptions): Promise<RunResult> {
  const { steps, results } = ownSteps(ownPlan(a), opts.cellTimeout ?? 30);
  const ref = await executeSteps(steps, results, opts);
  const failures: string[] = [];
  for (const c of a.cells.filter((x) => x.kind === "test")) {
    const g = scoreCell(c, ref, "self");
    if (g.error || g.checks.some((x) => !x.passed) || g.checks.length === 0) failures.push(`${c.key}: ${[g.error, ...g.checks.filter((x) => !x.passed).map((x) => x.message)].filter(Boolean).join("; ")}`);
  }
  if (failures.length) throw new SourceFailsItsTests(failures);
  return ref;
}

/** Grades one submission file against the reference run; never throws for a bad submission. */
export async function gradeOne(a: Assignment, reference: RunResult, file: string, student: string, opts: RunOptions): Promise<StudentGrade> {
  const tests = a.cells.filter((c) => c.kind === "test");
  const base = opts.noSandbox ? [SANDBOX_OFF] : [];
  const zero = (why: string, flags: Flag[] = []): StudentGrade => ({
    student, file, total: 0, maxTotal: a.totalPoints, notes: [...base, why], flags: [...(opts.noSandbox ? ["sandbox off" as Flag] : []), ...flags],
    cells: tests.map((c) => ({ key: c.key, points: 0, maxPoints: c.points, checks: [], error: why, status: "skipped" })),
  });
  let sub: Notebook;
  try { sub = parseNotebook(readFileSync(file, "utf8"), basename(file)); } catch (e) { return zero((e as Error).message); }
  const { plan, notes, missing } = submissionPlan(a, sub);
  const fifos = fifoDir();
  let run: RunResult;
  try {
    const inKernel = opts.noSandbox ? fifos : JAIL.rpc;
    const { steps, results, notes: planNotes } = gradeSteps(a, plan, opts.cellTimeout ?? 30, fifos, inKernel);
    notes.push(...planNotes);
    run = await executeSteps(steps, results, { ...opts, files: [file], fifoHost: fifos });
  } catch (e) { return zero(`grading failed: ${(e as Error).message}`, ["kernel died"]); } finally { releaseTempDir(fifos); }
  for (const r of run.runs.values()) {
    if (r.key.includes("#") && !r.key.startsWith("stub-") && !r.key.startsWith("tests-") && r.status !== "ok") notes.push(`error in cell "${r.key.split("#")[0]}": ${statusText(r)}`);
    if (r.capped) notes.push(`output of "${r.key.split("#")[0]}" was capped (256 KiB per cell, 2 MiB per kernel); the rest was dropped`);
  }
  notes.push(...run.kernelErrors);
  const prefix = missing.size ? `missing solution cell(s): ${[...missing].join(", ")}` : undefined;
  const cells = tests.map((c) => scoreCell(c, run, reference, prefix));
  return { student, file, total: roundPoints(cells.reduce((s, c) => s + c.points, 0)), maxTotal: a.totalPoints, cells, notes: [...base, ...notes], flags: flagsOf(run, !!opts.noSandbox) };
}

/** Student names from file names (the folder name when files share a name), made unique. */
export function studentNames(files: string[]): string[] {
  const base = files.map((f) => basename(f).replace(/\.ipynb$/i, ""));
  const names = base.map((b, i) => (base.filter((x) => x === b).length > 1 ? `${basename(resolve(files[i]!, ".."))}-${b}` : b));
  const seen = new Map<string, number>();
  return names.map((n) => { const k = (seen.get(n) ?? 0) + 1; seen.set(n, k); return k > 1 ? `${n}-${k}` : n; });
}

/** The assignment as the outputs describe it. */
export function assignmentInfo(a: Assignment, title: string): AssignmentInfo {
  return { title, keys: a.cells.filter((c) => c.kind === "test").map((c) => c.key), totalPoints: a.totalPoints };
}

/**
 * Grades the submissions (of this shard), `parallel` at a time, after one reference run. With `outDir`, each result is
 * stored as soon as it is known and results already stored for the same source and submission bytes are reused.
 * Refuses to run without a jail unless `noSandbox`. Results sorted by student name.
 */
export async function gradeAll(a: Assignment, files: string[], opts: GradeOptions & { sourceFile?: string; title?: string }): Promise<StudentGrade[]> {
  if (!opts.noSandbox && jailMode() === "none") throw new Error(NO_JAIL);
  const names = studentNames(files);
  let todo = files.map((file, i) => ({ file, student: names[i]! })).sort((x, y) => (x.student < y.student ? -1 : x.student > y.student ? 1 : 0));
  if (opts.shard) todo = todo.filter((_, k) => k % opts.shard!.count === opts.shard!.index - 1);
  const sourceHash = opts.sourceFile ? fileHash(opts.sourceFile) : "";
  const info = assignmentInfo(a, opts.title ?? "assignment");
  const results = new Map<string, StudentGrade>();
  const pending: typeof todo = [];
  let done = 0;
  for (const t of todo) {
    const stored = opts.outDir ? storedResult(opts.outDir, t.student, sourceHash, fileHash(t.file)) : undefined;
    if (stored) { results.set(t.student, stored.grade); done++; opts.onProgress?.({ student: t.student, phase: "resumed", done, total: todo.length, score: stored.grade.total }); }
    else pending.push(t);
  }
  if (pending.length) {
    const reference = await referenceRun(a, opts);
    let next = 0;
    const workers = Array.from({ length: Math.max(1, Math.min(opts.parallel ?? cpus().length, pending.length)) }, async () => {
      while (next < pending.length) {
        const t = pending[next++]!;
        const t0 = Date.now();
        opts.onProgress?.({ student: t.student, phase: "start", done, total: todo.length });
        const g = await gradeOne(a, reference, t.file, t.student, opts);
        const seconds = (Date.now() - t0) / 1000;
        if (opts.outDir) storeResult(opts.outDir, { assignment: info, sourceHash, submissionHash: fileHash(t.file), seconds, grade: g });
        results.set(t.student, g);
        done++;
        opts.onProgress?.({ student: t.student, phase: "done", done, total: todo.length, score: g.total, seconds });
      }
    });
    await Promise.all(workers);
  }
  return todo.map((t) => results.get(t.student)!);
}

/** `validate`: runs a notebook's own cells (its visible tests) in one kernel, jailed when a jail works here, and scores each check against the expected value the test wrote. */
export async function validateNotebook(a: Assignment, file: string, opts: RunOptions): Promise<StudentGrade> {
  const { steps, results } = ownSteps(ownPlan(a), opts.cellTimeout ?? 30);
  const run = await executeSteps(steps, results, { ...opts, noSandbox: opts.noSandbox || jailMode() === "none" });
  const cells = a.cells.filter((c) => c.kind === "test").map((c) => scoreCell(c, run, "self"));
  const notes = [...run.runs.values()].filter((r) => r.key.includes("#") && r.status !== "ok").map((r) => `error in cell "${r.key.split("#")[0]}": ${statusText(r)}`);
  return { student: basename(file), file, total: roundPoints(cells.reduce((s, c) => s + c.points, 0)), maxTotal: a.totalPoints, cells, notes, flags: flagsOf(run, false) };
}

/**
 * `assign`'s check: the source passes every test (throws otherwise) and the student version, graded like a
 * submission, scores zero on every graded cell. Returns the problems found (empty when fine).
 */
export async function checkStudentVersion(a: Assignment, studentFile: string, opts: RunOptions): Promise<string[]> {
  const reference = await referenceRun(a, opts);
  const g = await gradeOne(a, reference, studentFile, "student-version", opts);
  return g.cells.filter((c) => c.points > 0).map((c) => `the student version already earns ${c.points} point(s) in "${c.key}": the test does not depend on the solution`);
}
