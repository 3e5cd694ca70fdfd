// Losses composed from the ops above (so their gradients come from the tape): cross-entropy from logits, MSE.
import * as T from "../tensor";
import { Var, accumulate, asVar } from "./var";
import { logSoftmax } from "./softmax";
import { mean, sum } from "./reduce";
import { mul, sub } from "./arithmetic";
import { square } from "./unary";
import { checkVar } from "./var";
import { argError } from "../args";

/**
 * Picks one entry per row: `y[n] = a[n, idx[n]]`. The gradient scatters `g[n]` back to `[n, idx[n]]`.
 * @param a [N, C]
 * @param idx N class indices in [0, C)
 * @returns [N]
 */
export function pick(a: Var, idx: readonly number[]): Var {
  checkVar("ag.pick", "a", a);
  T.checkShape("ag.pick", "a", a.value, [idx.length, -1], "N, C");
  const C = a.shape[1];
  idx.forEach((k, n) => {
    if (!Number.isInteger(k) || k < 0 || k >= C) throw new Error(`ag.pick: index ${k} at row ${n} is out of range [0, ${C})`);
  });
  const out = new T.Tensor(Float64Array.from(idx, (k, n) => a.value.data[n * C + k]), [idx.length]);
  return new Var(out, [a], (g) => {
    const d = T.zeros(a.shape);
    idx.forEach((k, n) => (d.data[n * C + k] = g.data[n]));
    accumulate(a, d);
  }, "pick");
}

/**
 * Softmax cross-entropy from logits, `L = (1/N) Σ_n −log softmax(z_n)[y_n]` (or the sum),
 * built as `−pick(logSoftmax(z), y)`; rows with `mask[n] = 0` are left out and the mean is over the rest.
 * @param logits [N, C]
 * @param targets N class indices
 */
export function softmaxCrossEntropy(logits: Var, targets: readonly number[], opts: { mask?: readonly number[]; reduction?: "mean" | "sum" } = {}): Var {
  checkVar("ag.softmaxCrossEntropy", "logits", logits);
  T.checkShape("ag.softmaxCrossEntropy", "logits", logits.value, [targets.length, -1], "N, C");
  const nll = pick(logSoftmax(logits, 1), targets);
  const m = opts.mask ?? targets.map(() => 1);
  if (m.length !== targets.length) throw new Error(`ag.softmaxCrossEntropy: mask has ${m.length} entries, expected N = ${targets.length}`);
  const count = m.reduce((s, v) => s + v, 0);
  const w = (opts.reduction ?? "mean") === "mean" ? -1 / Math.max(count, 1) : -1;
  return sum(mul(nll, new Var(T.tensor(m.map((v) => v * w)))));
}

/** Mean squared error `(1/n) Σ (pred − target)²` over every element. @param target same shape as pred */
export function mse(pred: Var, target: Var | T.Tensor): Var {
  checkVar("ag.mse", "pred", pred);
  const t = asVar(target);
  T.checkShape("ag.mse", "target", t.value, pred.shape);
  return mean(square(sub(pred, t)));
}
