// The softmax family with its Jacobian-vector products: softmax, logSoftmax, logSumExp.
import * as T from "../tensor";
import { Var, accumulate } from "./var";
import { checkVar } from "./var";
import { argError } from "../args";

/** `Σ_k g_k y_k` along `axis`, kept with extent 1 (for broadcasting back). */
function weightedSum(g: T.Tensor, y: T.Tensor, axis: number): T.Tensor {
  return T.sum(T.mul(g, y), axis, true);
}

/**
 * `y = softmax(x)` along `axis` (default last). ∂L/∂x = y ∗ (g − Σ_k g_k y_k).
 * @param a e.g. logits [B, V]
 */
export function softmax(a: Var, axis = -1): Var {
  checkVar("ag.softmax", "a", a);
  const ax = T.normAxis("ag.softmax", axis, a.shape.length);
  const y = T.softmax(a.value, ax);
  return new Var(y, [a], (g) => accumulate(a, T.mul(y, T.sub(g, weightedSum(g, y, ax)))), "softmax");
}

/** `y = x − logSumExp(x)` along `axis`. ∂L/∂x = g − softmax(x) Σ_k g_k. */
export function logSoftmax(a: Var, axis = -1): Var {
  checkVar("ag.logSoftmax", "a", a);
  const ax = T.normAxis("ag.logSoftmax", axis, a.shape.length);
  const y = T.logSoftmax(a.value, ax);
  return new Var(y, [a], (g) => accumulate(a, T.sub(g, T.mul(T.exp(y), T.sum(g, ax, true)))), "logSoftmax");
}

/** `y = log Σ_k e^{x_k}` along `axis`. ∂y/∂x_k = softmax(x)_k. */
export function logSumExp(a: Var, axis = -1, keepDims = false): Var {
  checkVar("ag.logSumExp", "a", a);
  const ax = T.normAxis("ag.logSumExp", axis, a.shape.length);
  const p = T.softmax(a.value, ax);
  const kept = a.shape.slice();
  kept[ax] = 1;
  return new Var(T.logSumExp(a.value, ax, keepDims), [a], (g) => accumulate(a, T.mul(p, g.reshape(kept))), "logSumExp");
}
