// Sentences generated from intervals, so the prose of a comparison cannot say more than the numbers support.
import type { Interval } from "./stats";
import { checkBoolean, checkOptions, checkString, orDefault } from "../args";
import { checkDigits, checkInterval } from "./args";

/** How two 95 % intervals relate: "above" / "below" when they are disjoint, "overlap" otherwise. */
export type Ordering = "above" | "below" | "overlap";

/**
 * `"above"` when a's interval lies entirely above b's (a.lo > b.hi), `"below"` when entirely below, else `"overlap"`.
 * Disjoint 95 % intervals are a conservative test of a difference of means; overlapping ones are read as
 * "no difference we can measure" with this many seeds.
 */
export function compareIntervals(a: Interval, b: Interval): Ordering {
  checkInterval("compareIntervals", "a", a);
  checkInterval("compareIntervals", "b", b);
  if (a.lo > b.hi) return "above";
  if (a.hi < b.lo) return "below";
  return "overlap";
}

/** `0.912 [0.905, 0.919]`: a mean and its 95 % interval with `digits` decimals. */
export function formatInterval(s: Interval, digits = 3): string {
  checkInterval("formatInterval", "s", s);
  checkDigits("formatInterval", "digits", digits);
  return `${s.mean.toFixed(digits)} [${s.lo.toFixed(digits)}, ${s.hi.toFixed(digits)}]`;
}

/** Options of {@link verdict}. */
export interface VerdictOptions {
  /** What is measured, e.g. "test accuracy" (default "the score"). */
  metric?: string;
  /** true (default) when larger is better (accuracy, BLEU); false for errors (MSE). */
  higherIsBetter?: boolean;
  digits?: number;
}

/**
 * One sentence comparing two models from their intervals: "the GRU scores higher test accuracy than the LSTM
 * (0.93 [0.92, 0.94] against 0.90 [0.89, 0.91])", or "GRU and LSTM: no difference we can measure in test accuracy
 * (…, intervals overlap)". The wording follows {@link compareIntervals} only.
 * @example verdict("GRU", summarize(gru), "LSTM", summarize(lstm), { metric: "test accuracy" })
 */
export function verdict(nameA: string, a: Interval, nameB: string, b: Interval, opts: VerdictOptions = {}): string {
  const fn = "verdict";
  checkString(fn, "nameA", nameA, true);
  checkInterval(fn, "a", a);
  checkString(fn, "nameB", nameB, true);
  checkInterval(fn, "b", b);
  const o0 = checkOptions<VerdictOptions>(fn, "opts", opts, ["metric", "higherIsBetter", "digits"]);
  const metric = checkString(fn, "opts.metric", orDefault(o0.metric, "the score"), true);
  const higherIsBetter = checkBoolean(fn, "opts.higherIsBetter", orDefault(o0.higherIsBetter, true));
  const digits = checkDigits(fn, "opts.digits", orDefault(o0.digits, 3));
  const nums = `${formatInterval(a, digits)} against ${formatInterval(b, digits)}, mean [95 % interval] over ${a.n} and ${b.n} seeds`;
  const o = compareIntervals(a, b);
  // names may come capitalised ("The GRU"): the sentence starts with a capital, names inside it do not
  const first = (n: string) => n.charAt(0).toUpperCase() + n.slice(1);
  const inner = (n: string) => n.replace(/^The /, "the ");
  if (o === "overlap") return `${first(nameA)} and ${inner(nameB)}: no difference we can measure in ${metric} (${nums}; the intervals overlap).`;
  const aBetter = (o === "above") === higherIsBetter;
  const word = o === "above" ? "higher" : "lower";
  const better = inner(aBetter ? nameA : nameB);
  return `${first(nameA)} has ${word} ${metric} than ${inner(nameB)}, so ${better} is better here (${nums}; the intervals do not overlap).`;
}
