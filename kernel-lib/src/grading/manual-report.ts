// `rnnlab grade`'s manual-grading step: every manually graded answer is pending until the instructor's CSV gives its points; writes the CSV to fill in and a review page.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseNotebook } from "./notebook";
import { ManualSpec, ManualStudentGrade, ManualScore, manualSpecs, manualAnswers, foldManual, manualCsv, readManualCsv, manualReviewHtml } from "./manual";

/** The instructor's CSV's default name, in the output folder. */
export const MANUAL_CSV = "manual-grades.csv";
/** The review page's name, in the output folder. */
export const MANUAL_REVIEW = "manual-review.html";

/**
 * Folds the manual answers into `grades` (see `foldManual`): pending, or the points of the instructor's CSV (`csv`, else
 * `<outDir>/manual-grades.csv` when it exists). Writes `<outDir>/manual-grades.csv` when it does not exist yet (one row per
 * student, points empty: never overwrites what the instructor entered) and `<outDir>/manual-review.html` (rubric and answers).
 * Answers are read from each grade's submission `file` as text. Does nothing when the assignment has no manual answer.
 * @returns the folded grades and the manual keys (columns for grades.csv after the test cells')
 */
export function applyManualGrading<G extends ManualStudentGrade & { file: string }>(
  a: { cells: { manual?: ManualSpec }[] }, grades: G[], opts: { outDir: string; title: string; csv?: string },
): { grades: G[]; keys: string[]; csvPath?: string } {
  const specs = manualSpecs(a);
  if (!specs.length) return { grades, keys: [] };
  const students = grades.map((g) => g.student);
  if (opts.csv && !existsSync(opts.csv)) throw new Error(`applyManualGrading: the instructor's points file ${opts.csv} does not exist`);
  const csvPath = opts.csv ?? join(opts.outDir, MANUAL_CSV);
  const scores: Record<string, Record<string, ManualScore>> = existsSync(csvPath) ? readManualCsv(readFileSync(csvPath, "utf8"), specs, students) : {};
  const answers: Record<string, Record<string, string>> = {};
  for (const g of grades) {
    try { answers[g.student] = manualAnswers(specs, parseNotebook(readFileSync(g.file, "utf8"), g.file)); } catch { answers[g.student] = {}; }
  }
  mkdirSync(opts.outDir, { recursive: true });
  const template = join(opts.outDir, MANUAL_CSV);
  if (!existsSync(template)) writeFileSync(template, manualCsv(students, specs, scores));
  writeFileSync(join(opts.outDir, MANUAL_REVIEW), manualReviewHtml(opts.title, specs, answers, scores, MANUAL_CSV));
  return { grades: grades.map((g) => foldManual(g, specs, scores[g.student])), keys: specs.map((s) => s.key), csvPath: existsSync(csvPath) ? csvPath : undefined };
}
