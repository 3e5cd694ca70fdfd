// Summary statistics of a handful of seeds: mean, sample standard deviation and the two-sided 95 % Student-t interval.
import { argError, checkInt, checkNumber } from "../args";

/** Two-sided 97.5 % quantiles of Student's t for 1–30 degrees of freedom (t such that P(|T| ≤ t) = 0.95). */
const T975 = [
  12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041, 2.2621572, 2.2281389,
  2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053, 2.1098155, 2.100922, 2.0930241, 2.0859634,
  2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518305, 2.0484071, 2.0452296, 2.0422725,
];

/**
 * The quantile t₀.₉₇₅ of Student's t with `df` degrees of freedom: P(|T| ≤ t) = 0.95.
 * Tabulated for df ≤ 30; above, the Cornish–Fisher expansion around z = 1.959964 (error < 1e-4).
 * @example tQuantile975(4) // 2.776
 */
export function tQuantile975(df: number): number {
  checkInt("tQuantile975", "df", df, { min: 1 });
  if (df <= T975.length) return T975[df - 1];
  const z = 1.959963985;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** A sample summarised: its values, mean, sample sd (n − 1) and the 95 % t-interval of the mean, [lo, hi]. */
export interface Interval {
  n: number;
  mean: number;
  sd: number;
  lo: number;
  hi: number;
  values: number[];
}

/**
 * Mean, sample standard deviation s = √(Σ(x − x̄)² / (n − 1)) and the 95 % interval x̄ ± t₀.₉₇₅(n − 1) · s / √n.
 * Sums run in the order given, so equal inputs give equal bits.
 * @param values at least 2 finite numbers (e.g. one test score per seed)
 * @example summarize([0.91, 0.93, 0.92, 0.9, 0.94]) // { mean: 0.92, sd: 0.0158, lo: 0.900, hi: 0.940, … }
 */
export function summarize(values: readonly number[]): Interval {
  const fn = "summarize";
  if (!Array.isArray(values) || values.length < 2) throw argError(fn, "values", "an array of at least 2 finite numbers", values);
  values.forEach((v, i) => checkNumber(fn, `values[${i}]`, v));
  const n = values.length;
  let s = 0;
  for (const v of values) s += v;
  const mean = s / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, lo: mean - half, hi: mean + half, values: [...values] };
}
