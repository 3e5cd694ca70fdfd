// Writing grades: grades.csv (one row per student, one column per graded cell, the total), grades.json, and one HTML feedback page per student.
import { escapeUTF8 } from "entities";
import { mkdirSync } from "node:fs";
import * as Papa from "papaparse";
import { join } from "node:path";
import type { StudentGrade } from "./grade-types";
import { safeName, writeAtomic } from "./store";

/** The CSV text: `student,<grade_id…>,total,notes` with one row per student; notes: sandbox off, timeout, output capped, protocol error, kernel died. Written by papaparse (fields quoted where needed). */
export function gradesCsv(grades: StudentGrade[], keys: string[]): string {
  const data = grades.map((g) => [g.student, ...keys.map((k) => g.cells.find((c) => c.key === k)?.points ?? 0), g.total, (g.flags ?? []).join("; ")]);
  return Papa.unparse({ fields: ["student", ...keys, "total", "notes"], data }, { newline: "\n" }) + "\n";
}

const esc = escapeUTF8; // HTML escaping by the entities package (one implementation for the whole library)

/** One student's feedback page: total, notes, and per cell the points, each check passed/failed with its message, and the error. */
export function feedbackHtml(g: StudentGrade, title: string): string {
  const cells = g.cells.map((c) => `<section><h2>${esc(c.key)} — ${c.points} / ${c.maxPoints}</h2>
${c.error ? `<pre class="error">${esc(c.error)}</pre>` : ""}
<ul>${c.checks.map((x) => `<li class="${x.passed ? "pass" : "fail"}">${x.passed ? "✔" : "✘"} ${esc(x.message)}</li>`).join("\n")}</ul></section>`).join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)} — ${esc(g.student)}</title>
<style>body{font-family:sans-serif;max-width:50em;margin:2em auto}.pass{color:#176f2c}.fail{color:#a4161a}pre.error{background:#fbeaea;padding:.5em;white-space:pre-wrap}</style></head>
<body><h1>${esc(title)}: ${esc(g.student)}</h1><p><strong>Total: ${g.total} / ${g.maxTotal}</strong></p>
${g.notes.length ? `<ul class="notes">${g.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>` : ""}
${cells}</body></html>
`;
}

/** Writes grades.csv, grades.json and feedback/<student>.html into `outDir` (each file atomically), students sorted by name. */
export function writeGrades(outDir: string, grades: StudentGrade[], keys: string[], title: string): void {
  const sorted = [...grades].sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  mkdirSync(join(outDir, "feedback"), { recursive: true });
  writeAtomic(join(outDir, "grades.csv"), gradesCsv(sorted, keys));
  writeAtomic(join(outDir, "grades.json"), JSON.stringify({ assignment: title, grades: sorted }, null, 1) + "\n");
  for (const g of sorted) writeAtomic(join(outDir, "feedback", `${safeName(g.student)}.html`), feedbackHtml(g, title));
}
