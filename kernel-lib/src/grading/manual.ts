// Manually graded answers (nbgrader's "manual" kind): a markdown cell marked `grade` and `solution`, with points and a rubric, that the student version empties and the instructor scores.
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
