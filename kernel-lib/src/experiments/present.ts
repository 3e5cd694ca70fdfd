// Protocol summaries as plain rows: for tables, for intervalPlot, and the "where does it stop working" reading.
import type { ConditionSummary } from "./protocol";
import type { Interval } from "./stats";
import { formatInterval, formatSig } from "./verdict";
import { checkArray, checkFunction, checkInt, checkNumber, checkOptions, checkString, describe } from "../args";
import { checkDigits, checkInterval, checkSummaries, checkSummary, summaryMetric } from "./args";

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
  const fn = "intervalRows";
  checkSummaries(fn, "summaries", summaries);
  checkFunction(fn, "label", label);
  opts = checkOptions(fn, "opts", opts, ["panel", "metric", "scale"]);
  if (opts.panel !== undefined) checkFunction(fn, "opts.panel", opts.panel);
  const k = opts.scale === undefined ? 1 : checkNumber(fn, "opts.scale", opts.scale, { above: 0 });
  return summaries.map((s, i) => {
    const iv = summaryMetric(fn, `summaries[${i}]`, s, opts.metric);
    return { label: label(s.condition), ...(opts.panel ? { panel: opts.panel(s.condition) } : {}), n: iv.n, mean: iv.mean * k, sd: iv.sd * k, lo: iv.lo * k, hi: iv.hi * k, values: iv.values.map((v) => v * k) };
  });
}

/**
 * Table rows of a protocol: the condition's entries, the chosen rate, mean, sd, the 95 % interval, and the best epochs of
 * the seeds. Numbers are rounded to `digits` decimals, or, with `sig`, printed with `sig` significant figures each (as
 * text: `9.0e-5`, `0.0052`, `0.17`), for scores that span orders of magnitude.
 */
export function summaryRows(summaries: readonly ConditionSummary[], opts: { digits?: number; sig?: number; metric?: string; scoreName?: string } = {}): Record<string, string | number>[] {
  const fn = "summaryRows";
  checkSummaries(fn, "summaries", summaries);
  opts = checkOptions(fn, "opts", opts, ["digits", "sig", "metric", "scoreName"]);
  const d = opts.digits === undefined ? 3 : checkDigits(fn, "opts.digits", opts.digits);
  if (opts.sig !== undefined) {
    checkInt(fn, "opts.sig", opts.sig, { min: 1, max: 17 });
    if (opts.digits !== undefined) throw new Error(`${fn}: give opts.digits or opts.sig, not both`);
  }
  const sig = opts.sig;
  const num = (x: number): string | number => (sig === undefined ? Number(x.toFixed(d)) : formatSig(x, sig));
  if (opts.scoreName !== undefined) checkString(fn, "opts.scoreName", opts.scoreName, true);
  return summaries.map((s, i) => {
    const iv = summaryMetric(fn, `summaries[${i}]`, s, opts.metric);
    const ends = sig === undefined ? [iv.lo.toFixed(d), iv.hi.toFixed(d)] : [formatSig(iv.lo, sig), formatSig(iv.hi, sig)];
    return {
      ...s.condition, "chosen lr": s.lr, [`${opts.scoreName ?? "test"}: mean`]: num(iv.mean), sd: num(iv.sd),
      "95 % interval": `[${ends.join(", ")}]`, "best epochs": s.runs.map((r) => `${r.bestEpoch}/${r.epochs}`).join(" "),
    };
  });
}

/**
 * The first of `xs` (sequence lengths, delays, in increasing order) whose interval does not pass `beats`, or null when all pass.
 * @example firstFailure([10, 25, 50], intervals, (iv) => iv.hi < baseline) // the length at which the cell stops beating the baseline
 */
export function firstFailure<X>(xs: readonly X[], intervals: readonly Interval[], beats: (iv: Interval) => boolean): X | null {
  const fn = "firstFailure";
  checkArray(fn, "xs", xs);
  checkArray(fn, "intervals", intervals);
  if (intervals.length !== xs.length) throw new Error(`${fn}: intervals must hold one interval per entry of xs (${xs.length}), got ${intervals.length}`);
  intervals.forEach((iv, i) => checkInterval(fn, `intervals[${i}]`, iv));
  checkFunction(fn, "beats", beats);
  for (let i = 0; i < xs.length; i++) {
    const ok: unknown = beats(intervals[i]);
    if (typeof ok !== "boolean") throw new Error(`${fn}: beats must return true or false, got ${describe(ok)} for intervals[${i}]`);
    if (!ok) return xs[i];
  }
  return null;
}

/** "0.912 [0.905, 0.919]" for a summary's test score or one of its metrics. */
export function describeSummary(s: ConditionSummary, metric?: string, digits = 3): string {
  checkSummary("describeSummary", "s", s);
  const iv = summaryMetric("describeSummary", "s", s, metric);
  return formatInterval(iv, checkDigits("describeSummary", "digits", digits));
}
