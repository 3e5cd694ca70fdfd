// Scoring outside every kernel: a test cell's recorded checks against the reference run's (or, for validate, against the expected values the test wrote), points × passed / checks.
import { AssignmentCell } from "./authoring";
import { compareClose, compareEqual, Verdict } from "./checks";
import { CellRun } from "./driver";
import { CellReport, CheckRecord, RunResult } from "./run";

/** One check's outcome as the report shows it. */
export interface CheckResult { label: string; passed: boolean; message: string }
/** One graded cell of one student. */
export interface CellGrade { key: string; points: number; maxPoints: number; checks: CheckResult[]; error?: string; status: string }

/** Rounds points to hundredths (what the CSV shows). */
export const roundPoints = (x: number): number => Math.round(x * 100) / 100;

/** A failed step's status in words (the error text, or what stopped the kernel). */
export function statusText(r: CellRun): string {
  return r.status === "error" ? cellErrorText(r.outputs) ?? "error"
    : r.status === "timeout" ? "ran past its time limit (an infinite loop?); the kernel was restarted"
    : r.status === "dead" ? "the kernel died (memory limit exceeded or crash); it was restarted"
    : "not run: the notebook's time limit was reached, or its kernel could not start";
}

/** The error text of a failed cell (ename: evalue, or its stderr), trimmed to a few lines. */
export function cellErrorText(outputs: CellRun["outputs"]): string | undefined {
  const err = outputs.find((o) => o.output_type === "error");
  const stderr = outputs.filter((o) => o.output_type === "stream" && o.name === "stderr").map((o) => o.text ?? "").join("");
  const text = err && (err.evalue || !stderr.trim()) ? `${err.ename}: ${err.evalue}` : stderr;
  if (!text.trim()) return undefined;
  return text.split("\n").filter((l) => !/^\s+at /.test(l)).slice(0, 8).join("\n").trim().slice(0, 1200);
}

/** How many checks a test cell's text calls (`check.close(` …), the least it records when it runs to the end. */
export function checkCalls(code: string): number {
  return (code.match(/\bcheck\.(close|equal|shape|ok|throws)\s*\(/g) ?? []).length;
}

const verdictOf = (r: CheckRecord, reference: CheckRecord): Verdict =>
  r.kind !== reference.kind || r.label !== reference.label
    ? { ok: false, why: "the test cell reported a different check here" }
    : reference.kind === "close" ? compareClose(r.actual, reference.actual, reference.tol ?? {}) : compareEqual(r.actual, reference.actual);

const selfVerdict = (r: CheckRecord): Verdict => (r.kind === "close" ? compareClose(r.actual, r.expected, r.tol ?? {}) : compareEqual(r.actual, r.expected));

/**
 * Scores one test cell: check i of the run against check i of the reference (the solution's observed value, with the
 * tolerance the test gave), or, with `"self"`, against the expected value the test wrote (validate, the reference's
 * own check). points × passed / checks, rounded to hundredths.
 */
export function scoreCell(c: AssignmentCell, run: RunResult, reference: RunResult | "self", prefixError?: string): CellGrade {
  const rep: CellReport = run.reports.get(c.key) ?? { records: [], emitted: false };
  const cellRun = run.runs.get(c.key);
  const refRecords = reference === "self" ? rep.records : reference.reports.get(c.key)?.records ?? [];
  // against itself (validate, the source's own check), a cell that stopped early still counts the checks it never
  // reached: as many as its text calls, as in the reference a graded cell is compared with
  const stopped = !rep.emitted || rep.error !== undefined;
  const unreached = reference === "self" && stopped ? Math.max(0, checkCalls(c.source) - rep.records.length) : 0;
  const checks: CheckResult[] = [];
  let error = rep.error;
  if (!rep.emitted) {
    const status = cellRun?.status ?? "skipped";
    error = status === "timeout" ? "the cell ran past its time limit (an infinite loop?); the kernel was restarted"
      : status === "dead" ? "the kernel died during this cell (memory limit exceeded or crash); it was restarted"
      : status === "skipped" ? "not run: the notebook's time limit was reached, or its kernel could not start"
      : cellErrorText(cellRun?.outputs ?? []) ?? "the test cell reported no results";
  }
  if (prefixError) error = error ? `${prefixError}\n${error}` : prefixError;
  refRecords.forEach((ref, i) => {
    const r = rep.records[i];
    const label = ref.label;
    const hint = ref.hint ? ` — ${ref.hint}` : "";
    if (!r) { checks.push({ label, passed: false, message: `${label}: not reached${error ? " (the cell stopped with an error)" : ""}` }); return; }
    const v = reference === "self" ? selfVerdict(r) : verdictOf(r, ref);
    checks.push({ label, passed: v.ok, message: v.ok ? `${label}: passed` : `${label}: ${v.why}${hint}` });
  });
  for (let i = 0; i < unreached; i++) checks.push({ label: "check", passed: false, message: `a check after the error: not reached` });
  if (checks.length === 0 && c.points > 0) checks.push({ label: "test cell", passed: false, message: "the test cell recorded no checks" });
  const passed = checks.filter((x) => x.passed).length;
  const points = checks.length ? roundPoints(c.points * passed / checks.length) : 0;
  return { key: c.key, points, maxPoints: c.points, checks, error, status: cellRun?.status ?? "skipped" };
}
