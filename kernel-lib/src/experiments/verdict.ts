// Sentences generated from intervals, so the prose of a comparison cannot say more than the numbers support.
import type { Interval } from "./stats";
import { checkBoolean, checkInt, checkNumber, checkOptions, checkString, orDefault } from "../args";
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

/** How many figures a number is printed with: `digits` decimals, or `{ sig }` significant figures. */
export type PrintPrecision = number | { sig: number };

/** Throws unless `p` is a {@link PrintPrecision}, naming `fn` and `name`. */
function checkPrecision(fn: string, name: string, p: unknown): PrintPrecision {
  if (typeof p === "object" && p !== null) {
    const { sig } = checkOptions<{ sig: number }>(fn, name, p as { sig: number }, ["sig"]);
    return { sig: checkInt(fn, `${name}.sig`, sig, { min: 1, max: 17 }) };
  }
  return checkDigits(fn, name, p);
}

/** "-0.0000" (a small negative number rounded away) reads as a sign that means something: print it as "0.0000". */
function noNegativeZero(text: string): string {
  return /^-0(\.0*)?(e[-+]?\d+)?$/.test(text) ? text.slice(1) : text;
}

/**
 * `x` with `sig` significant figures: fixed notation from 0.001 up (`0.0052`, `0.17`, `170`), `4.6e-5` below; never
 * padded beyond `sig` figures and never "-0".
 * @example formatSig(0.000046213, 2) // "4.6e-5"
 */
export function formatSig(x: number, sig: number): string {
  const fn = "formatSig";
  checkNumber(fn, "x", x);
  checkInt(fn, "sig", sig, { min: 1, max: 17 });
  if (x === 0) return "0";
  const r = Number(x.toPrecision(sig)); // round first: 0.000999 may become 0.001
  const e = Math.floor(Math.log10(Math.abs(r)));
  if (e < -3) return x.toExponential(sig - 1);
  return noNegativeZero(r.toFixed(Math.max(0, sig - 1 - e)));
}

/** One number at a {@link PrintPrecision}. */
function formatAt(x: number, p: PrintPrecision): string {
  return typeof p === "number" ? noNegativeZero(x.toFixed(p)) : formatSig(x, p.sig);
}

/**
 * `0.912 [0.905, 0.919]`: a mean and its 95 % interval with `digits` decimals, or with `{ sig: n }` significant figures
 * each (`9.0e-5 [5.0e-5, 1.3e-4]`, for scores that span orders of magnitude).
 */
export function formatInterval(s: Interval, digits: PrintPrecision = 3): string {
  checkInterval("formatInterval", "s", s);
  const p = checkPrecision("formatInterval", "digits", digits);
  return `${formatAt(s.mean, p)} [${formatAt(s.lo, p)}, ${formatAt(s.hi, p)}]`;
}

/** The next finer precision: one more decimal or one more significant figure. */
function finer(p: PrintPrecision): PrintPrecision {
  return typeof p === "number" ? p + 1 : { sig: p.sig + 1 };
}

/**
 * The precision `p`, made finer until the printed numbers show what {@link compareIntervals} found (disjoint intervals
 * print disjoint ends) and two different intervals do not print as the same text.
 */
function precisionFor(a: Interval, b: Interval, p: PrintPrecision): PrintPrecision {
  const o = compareIntervals(a, b);
  const differ = a.mean !== b.mean || a.lo !== b.lo || a.hi !== b.hi;
  const shows = (q: PrintPrecision) => {
    if (differ && formatInterval(a, q) === formatInterval(b, q)) return false;
    if (o === "overlap") return true;
    const [lo, hi] = o === "above" ? [a.lo, b.hi] : [b.lo, a.hi];
    return Number(formatAt(lo, q)) > Number(formatAt(hi, q));
  };
  let q = p;
  for (let i = 0; i < 12 && !shows(q); i++) q = finer(q);
  return q;
}

/** Options of {@link verdict}. */
export interface VerdictOptions {
  /** What is measured, e.g. "test accuracy" (default "the score"). */
  metric?: string;
  /** true (default) when larger is better (accuracy, BLEU); false for errors (MSE). */
  higherIsBetter?: boolean;
  /**
   * Decimals of the printed numbers (default 3), or `{ sig: n }` for n significant figures. Either is made finer where
   * needed, so that disjoint intervals never print overlapping ends and different intervals never print alike.
   */
  digits?: PrintPrecision;
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
  const digits = precisionFor(a, b, checkPrecision(fn, "opts.digits", orDefault<PrintPrecision>(o0.digits, 3)));
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
