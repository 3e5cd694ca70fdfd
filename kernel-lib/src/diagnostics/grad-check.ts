// Gradient checking: analytic gradients against float64 central differences, with the worst element named.
import { Rng, Tensor, fmtShape, getRng, requireFloat64, sameShape, unravel } from "../tensor";
import { centralDifference } from "./numeric-grad";
import { argError, checkFunction } from "../args";

/** One parameter to check: its tensor (perturbed in place, then restored) and, optionally, its analytic gradient. */
export interface GradCheckParam {
  name: string;
  value: Tensor;
  grad?: Tensor;
}

/** Per-parameter summary of a {@link gradCheck}. */
export interface GradCheckRow {
  name: string;
  shape: number[];
  /** How many elements were checked (all, or the sample). */
  checked: number;
  maxRelError: number;
  maxAbsError: number;
}

/** What {@link gradCheck} returns. `ok` when `worstRelError ≤ tol`. */
export interface GradCheckReport {
  worstRelError: number;
  /** Where the worst relative error is: parameter name and multi-index. */
  where: { param: string; index: number[]; analytic: number; numeric: number } | null;
  perParam: GradCheckRow[];
  ok: boolean;
  tol: number;
  /** The table, one line per parameter, and the verdict. */
  toString(): string;
}

/** Options of {@link gradCheck}. */
export interface GradCheckOptions {
  /** Central-difference step (default 1e-6). */
  eps?: number;
  /** Pass threshold on the worst relative error (default 1e-6). */
  tol?: number;
  /** Check at most this many seeded-random elements per parameter (default: every element). */
  sample?: number;
  /** Generator for the sample (default the global one). */
  rng?: Rng;
  /** Denominator floor of the relative error; default `1e-2 · max(1, |f(θ)|)` (see {@link gradCheck}). */
  floor?: number;
}

/**
 * Compares analytic gradients with central differences `n = (f(θ + ε e_k) − f(θ − ε e_k)) / 2ε` in float64,
 * element by element, reporting the relative error `|a − n| / max(|a| + |n|, floor)` and where it is worst.
 * `f` must read the parameters' current values (they are perturbed in place and restored).
 * Why a floor: the round-off of `n` is about `1e-10 · |f|` for ε = 1e-6, so entries much smaller than
 * `|f|` cannot be resolved to 1e-6 relative error; the default floor `1e-2 · max(1, |f|)` compares them
 * absolutely at that scale instead (a wrong entry of size ≥ 1e-8·|f| is still caught).
 * @param f the loss, e.g. `() => loss(model.forward(x))`
 * @param params `[{ name, value, grad? }]` or a record `{ name: value }`
 * @param analytic gradients by name (taken from `params[i].grad` when missing)
 * @example
 * const report = gradCheck(() => lossOf(p), p, grads, { sample: 50, rng: new Rng(1) });
 * console.log(report.toString()); // weight_ih [8, 3]  max rel 3.1e-10 …  OK
 */
export function gradCheck(
  f: () => number,
  params: GradCheckParam[] | Record<string, Tensor>,
  analytic?: Record<string, Tensor> | Tensor[],
  opts: GradCheckOptions = {},
): GradCheckReport {
  const fn = "gradCheck";
  checkFunction(fn, "f", f);
  if (!params || typeof params !== "object") throw argError(fn, "params", "an array of { name, value } or a record of Tensors", params);
  requireFloat64(fn);
  const eps = opts.eps ?? 1e-6;
  const tol = opts.tol ?? 1e-6;
  const list: GradCheckParam[] = Array.isArray(params) ? params : Object.keys(params).map((name) => ({ name, value: params[name] }));
  const f0 = f();
  if (!Number.isFinite(f0)) throw new Error(`${fn}: f() returned ${f0} at the unperturbed parameters`);
  const floor = opts.floor ?? 1e-2 * Math.max(1, Math.abs(f0));
  const rng = opts.rng ?? getRng();
  let worst = -1;
  let where: GradCheckReport["where"] = null;
  const perParam: GradCheckRow[] = [];
  list.forEach((p, k) => {
    const a = (Array.isArray(analytic) ? analytic[k] : analytic?.[p.name]) ?? p.grad;
    if (!(p.value instanceof Tensor)) throw new Error(`${fn}: parameter ${p.name} must be a Tensor`);
    if (!(a instanceof Tensor)) throw new Error(`${fn}: no analytic gradient for parameter ${p.name}`);
    if (!sameShape(a.shape, p.value.shape)) {
      throw new Error(`${fn}: gradient of ${p.name} must be ${fmtShape(p.value.shape)}, got ${fmtShape(a.shape)}`);
    }
    const n = p.value.size;
    const idx = opts.sample !== undefined && opts.sample < n ? rng.permutation(n).slice(0, opts.sample) : Array.from({ length: n }, (_, i) => i);
    const row: GradCheckRow = { name: p.name, shape: p.value.shape.slice(), checked: idx.length, maxRelError: 0, maxAbsError: 0 };
    for (const i of idx) {
      const num = centralDifference(f, p.value.data, i, eps);
      const ana = a.data[i];
      const abs = Math.abs(ana - num);
      const rel = Number.isNaN(abs) ? Infinity : abs / Math.max(Math.abs(ana) + Math.abs(num), floor);
      row.maxAbsError = Math.max(row.maxAbsError, Number.isNaN(abs) ? Infinity : abs);
      row.maxRelError = Math.max(row.maxRelError, rel);
      if (rel > worst) {
        worst = rel;
        where = { param: p.name, index: unravel(i, p.value.shape), analytic: ana, numeric: num };
      }
    }
    perParam.push(row);
  });
  const worstRelError = Math.max(0, worst);
  const report: GradCheckReport = {
    worstRelError,
    where,
    perParam,
    ok: worstRelError <= tol,
    tol,
    toString: () => formatGradCheck(report),
  };
  return report;
}

/** The report as a small table: one line per parameter, then the worst element and OK/FAIL. */
export function formatGradCheck(r: GradCheckReport): string {
  if (!r || typeof r !== "object" || !Array.isArray((r as GradCheckReport).perParam)) throw argError("formatGradCheck", "r", "the report gradCheck returned", r);
  const e = (v: number): string => v.toExponential(2);
  const width = Math.max(5, ...r.perParam.map((p) => p.name.length));
  const lines = [`${"param".padEnd(width)}  ${"shape".padEnd(12)}  checked  max rel   max abs`];
  for (const p of r.perParam) {
    lines.push(`${p.name.padEnd(width)}  ${fmtShape(p.shape).padEnd(12)}  ${String(p.checked).padStart(7)}  ${e(p.maxRelError)}  ${e(p.maxAbsError)}`);
  }
  const w = r.where;
  const at = w ? ` at ${w.param}${fmtShape(w.index)} (analytic ${w.analytic.toPrecision(8)}, numeric ${w.numeric.toPrecision(8)})` : "";
  lines.push(`worst relative error ${e(r.worstRelError)}${at}: ${r.ok ? "OK" : `FAIL (tolerance ${e(r.tol)})`}`);
  return lines.join("\n");
}
