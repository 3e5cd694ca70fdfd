// Protocol summaries as plain rows: for tables, for intervalPlot, and the "where does it stop working" reading.
import type { ConditionSummary } from "./protocol";
import type { Interval } from "./stats";
import { formatInterval } from "./verdict";

/** One row of {@link intervalPlot}'s input: label, panel, the per-seed values and the interval. */
export interface IntervalPlotRow extends Interval { label: string; panel?: string }

/**
 * Rows for an interval plot: one per summary, its `metric` (the test score by default, or a name in `metrics`), scaled by
 * `scale` (e.g. 1 / baseline), labelled and grouped into panels by functions of the condition.
 */
export function intervalRows(
  summaries: readonly ConditionSummary[],
  label: (c: Record<string, string | number>) => string,
  opts: { panel?: (c: Record<string, string | number>) => string; metric?: string; scale?: number } = {},
): IntervalPlotRow[] {
  const k = opts.scale ?? 1;
  return summaries.map((s) => {
    const iv = opts.metric ? s.metrics[opts.metric] : s.test;
    if (!iv) throw new Error(`intervalRows: no metric "${opts.metric}" in ${JSON.stringify(s.condition)}`);
    return { label: label(s.condition), ...(opts.panel ? { panel: opts.panel(s.condition) } : {}), n: iv.n, mean: iv.mean * k, sd: iv.sd * k, lo: iv.lo * k, hi: iv.hi * k, values: iv.values.map((v) => v * k) };
  });
}

/** Table rows of a protocol: the condition's entries, the chosen rate, mean, sd, the 95 % interval, and the best epochs of the seeds. */
export function summaryRows(summaries: readonly ConditionSummary[], opts: { digits?: number; metric?: string; scoreName?: string } = {}): Record<string, string | number>[] {
  const d = opts.digits ?? 3;
  return summaries.map((s) => {
    const iv = opts.metric ? s.metrics[opts.metric] : s.test;
    return {
      ...s.condition, "chosen lr": s.lr, [`${opts.scoreName ?? "test"}: mean`]: Number(iv.mean.toFixed(d)), sd: Number(iv.sd.toFixed(d)),
      "95 % interval": `[${iv.lo.toFixed(d)}, ${iv.hi.toFixed(d)}]`, "best epochs": s.runs.map((r) => `${r.bestEpoch}/${r.epochs}`).join(" "),
    };
  });
}

/**
 * The first of `xs` (sequence lengths, delays, in increasing order) whose interval does not pass `beats`, or null when all pass.
 * @example firstFailure([10, 25, 50], intervals, (iv) => iv.hi < baseline) // the length at which the cell stops beating the baseline
 */
export function firstFailure<X>(xs: readonly X[], intervals: readonly Interval[], beats: (iv: Interval) => boolean): X | null {
  for (let i = 0; i < xs.length; i++) if (!beats(intervals[i])) return xs[i];
  return null;
}

/** "0.912 [0.905, 0.919]" for a summary's test score or one of its metrics. */
export function describeSummary(s: ConditionSummary, metric?: string, digits = 3): string {
  return formatInterval(metric ? s.metrics[metric] : s.test, digits);
}
