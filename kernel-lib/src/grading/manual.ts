// Manually graded answers (nbgrader's "manual" kind): a markdown cell marked `grade` and `solution`, with points and a rubric, that the student version empties and the instructor scores.
import { escapeUTF8 } from "entities";
import type { NotebookCell } from "./notebook";

/** What the student version shows in place of the instructor's model answer. */
export const MANUAL_STUB = "YOUR ANSWER HERE";

/** One criterion of a rubric: what earns `points`. */
export interface RubricItem { points: number; criterion: string }

/** A manually graded answer: its key (grade_id), its points, and the rubric from `metadata.rnnlab.rubric` (may be empty). */
export interface ManualSpec { key: string; points: number; rubric: RubricItem[] }

/**
 * The manual-grading spec of a cell, or undefined when it is not a manually graded answer. A manual answer is a markdown cell
 * whose `metadata.nbgrader` has `grade: true` and `solution: true` (nbgrader's convention), a `grade_id` and `points`; its rubric,
 * when given, is `metadata.rnnlab.rubric = [{points, criterion}, …]` and its points must add up to the cell's.
 * @throws when the points are missing or invalid, or the rubric does not add up
 */
export function manualSpec(cell: NotebookCell, key: string): ManualSpec | undefined {
  const meta = cell.metadata.nbgrader;
  if (cell.cell_type !== "markdown" || !meta?.grade || !meta.solution) return undefined;
  const points = Number(meta.points);
  if (!(points > 0)) throw new Error(`manualSpec: manually graded cell "${key}" needs nbgrader.points > 0, got ${String(meta.points)}`);
  const raw = (cell.metadata.rnnlab as { rubric?: unknown } | undefined)?.rubric ?? [];
  if (!Array.isArray(raw)) throw new Error(`manualSpec: cell "${key}": rnnlab.rubric must be a list of {points, criterion}`);
  const rubric = raw.map((r, i): RubricItem => {
    const item = r as Partial<RubricItem>;
    if (typeof item?.criterion !== "string" || !(Number(item.points) >= 0)) throw new Error(`manualSpec: cell "${key}": rubric item ${i} must be {points ≥ 0, criterion: string}`);
    return { points: Number(item.points), criterion: item.criterion };
  });
  const sum = rubric.reduce((s, r) => s + r.points, 0);
  if (rubric.length && Math.abs(sum - points) > 1e-9) throw new Error(`manualSpec: cell "${key}": the rubric's points add up to ${sum}, the cell has ${points}`);
  return { key, points, rubric };
}

/** The manually graded answers of an assignment, in notebook order. */
export function manualSpecs(a: { cells: { manual?: ManualSpec }[] }): ManualSpec[] {
  return a.cells.flatMap((c) => (c.manual ? [c.manual] : []));
}

/** The student's text of each manual answer, by key ("" when the cell is missing or still holds the stub). */
export function manualAnswers(specs: ManualSpec[], sub: { cells: NotebookCell[] }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of specs) {
    const cell = sub.cells.find((c) => (c.metadata?.nbgrader?.grade_id ?? c.id) === s.key);
    const text = cell ? (Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "")).trim() : "";
    out[s.key] = text === MANUAL_STUB ? "" : text;
  }
  return out;
}

/** The parts of a student's grade this file reads and writes (the grader's StudentGrade and CellGrade have these fields). */
export interface ManualCellGrade { key: string; points: number; maxPoints: number; checks: { label: string; passed: boolean; message: string }[]; error?: string; status: string }
export interface ManualStudentGrade { student: string; total: number; maxTotal: number; cells: ManualCellGrade[]; notes: string[] }

/** The instructor's score of one manual answer: points (undefined = not graded yet) and a comment for the student. */
export interface ManualScore { points?: number; comment: string }

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Adds a cell per manual answer to a student's grade: `status: "pending"` (0 points) until `scores` gives its points, then
 * `status: "manual"` with those points and the comment; `maxTotal` counts the manual points, `total` the points given so far.
 * Cells already there under the same key are replaced, so folding twice gives the same grade.
 */
export function foldManual<G extends ManualStudentGrade>(g: G, specs: ManualSpec[], scores: Record<string, ManualScore> = {}): G {
  const keys = new Set(specs.map((s) => s.key));
  const auto = g.cells.filter((c) => !keys.has(c.key));
  const manual = specs.map((s): ManualCellGrade => {
    const sc = scores[s.key];
    if (sc?.points === undefined) {
      return { key: s.key, points: 0, maxPoints: s.points, checks: [], status: "pending", error: "graded by the instructor: pending" };
    }
    return { key: s.key, points: sc.points, maxPoints: s.points, status: "manual",
      checks: [{ label: "instructor", passed: sc.points >= s.points, message: `instructor: ${sc.points} / ${s.points}${sc.comment ? ` — ${sc.comment}` : ""}` }] };
  });
  const cells = [...auto, ...manual];
  const autoMax = auto.reduce((s, c) => s + c.maxPoints, 0);
  const pending = manual.filter((c) => c.status === "pending").length;
  const notes = g.notes.filter((n) => !/^manual grading:/.test(n));
  if (pending) notes.push(`manual grading: ${pending} answer(s) pending`);
  return { ...g, cells, notes, total: round2(cells.reduce((s, c) => s + c.points, 0)), maxTotal: round2(autoMax + manual.reduce((s, c) => s + c.maxPoints, 0)) };
}

const csvField = (v: string | number): string => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, quotes as "" and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(field); field = ""; }
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field); field = "";
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== "")) rows.push(row);
  return rows;
}

/**
 * The instructor's CSV to fill in: `student,<key>,<key> comment,…` with one row per student, points empty (pending).
 * Rows of `existing` scores are kept, so a regenerated file never loses what was entered.
 */
export function manualCsv(students: string[], specs: ManualSpec[], existing: Record<string, Record<string, ManualScore>> = {}): string {
  const header = ["student", ...specs.flatMap((s) => [s.key, `${s.key} comment`])];
  const rows = students.map((st) => [st, ...specs.flatMap((s) => {
    const sc = existing[st]?.[s.key];
    return [sc?.points === undefined ? "" : String(sc.points), sc?.comment ?? ""];
  })]);
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

/**
 * Reads the instructor's CSV (as {@link manualCsv} writes it): student → key → score. An empty points field is pending.
 * @throws naming the row and column when a student or key is unknown, or points are not a number in [0, the cell's points]
 */
export function readManualCsv(text: string, specs: ManualSpec[], students?: string[]): Record<string, Record<string, ManualScore>> {
  const rows = parseCsv(text);
  if (rows.length === 0) return {};
  const header = rows[0]!.map((h) => h.trim());
  if (header[0] !== "student") throw new Error(`readManualCsv: the first column must be "student", got "${header[0]}"`);
  const byKey = new Map(specs.map((s) => [s.key, s]));
  for (const h of header.slice(1)) {
    const key = h.replace(/ comment$/, "");
    if (!byKey.has(key)) throw new Error(`readManualCsv: column "${h}" names no manually graded cell (known: ${specs.map((s) => s.key).join(", ")})`);
  }
  const out: Record<string, Record<string, ManualScore>> = {};
  rows.slice(1).forEach((r, i) => {
    const student = (r[0] ?? "").trim();
    const line = i + 2;
    if (students && !students.includes(student)) throw new Error(`readManualCsv: row ${line}: no submission of student "${student}"`);
    const scores: Record<string, ManualScore> = {};
    for (const s of specs) {
      const pi = header.indexOf(s.key), ci = header.indexOf(`${s.key} comment`);
      const raw = pi >= 0 ? (r[pi] ?? "").trim() : "";
      const comment = ci >= 0 ? (r[ci] ?? "").trim() : "";
      if (raw === "") { scores[s.key] = { comment }; continue; }
      const points = Number(raw);
      if (!Number.isFinite(points) || points < 0 || points > s.points) {
        throw new Error(`readManualCsv: row ${line} (${student}), column "${s.key}": points must be a number in [0, ${s.points}], got "${raw}"`);
      }
      scores[s.key] = { points, comment };
    }
    out[student] = scores;
  });
  return out;
}

const esc = escapeUTF8; // HTML escaping by the entities package (one implementation for the whole library)

/**
 * The review page for the instructor: per manual answer, its rubric, then every student's text (escaped, never rendered as
 * HTML) with the points entered so far; the CSV next to it is where points go.
 */
export function manualReviewHtml(title: string, specs: ManualSpec[], answers: Record<string, Record<string, string>>, scores: Record<string, Record<string, ManualScore>>, csvName: string): string {
  const students = Object.keys(answers).sort();
  const sections = specs.map((s) => `<section><h2>${esc(s.key)} (${s.points} points)</h2>
${s.rubric.length ? `<ol class="rubric">${s.rubric.map((r) => `<li><strong>${r.points}</strong> — ${esc(r.criterion)}</li>`).join("")}</ol>` : ""}
${students.map((st) => {
    const text = answers[st]?.[s.key] ?? "";
    const sc = scores[st]?.[s.key];
    const given = sc?.points === undefined ? "pending" : `${sc.points} / ${s.points}${sc.comment ? ` — ${esc(sc.comment)}` : ""}`;
    return `<article><h3>${esc(st)} <span class="given">${given}</span></h3>${text ? `<pre>${esc(text)}</pre>` : `<p class="empty">(no answer)</p>`}</article>`;
  }).join("\n")}</section>`).join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}: manual grading</title>
<style>body{font-family:sans-serif;max-width:55em;margin:2em auto}pre{white-space:pre-wrap;background:#f4f4f4;padding:.6em}.given{font-weight:normal;color:#555}.empty{color:#a4161a}.rubric li{margin:.2em 0}</style></head>
<body><h1>${esc(title)}: manually graded answers</h1>
<p>Enter points (and an optional comment for the student) in <code>${esc(csvName)}</code>, one row per student, then run <code>rnnlab grade</code> again with <code>--manual ${esc(csvName)}</code>: finished submissions are not re-run, and the points are folded into grades.csv, grades.json and the feedback pages.</p>
${sections}</body></html>
`;
}
