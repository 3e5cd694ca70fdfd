// Sums and means over all elements or one axis: the gradient is g broadcast back over the reduced axis.
import * as T from "../tensor";
import { Var, accumulate } from "./var";
import { checkVar } from "./var";
import { argError } from "../args";

/** `g` (the reduced shape) broadcast back to `shape`, times `s`. */
function spread(g: T.Tensor, shape: readonly number[], axis: number | undefined, s: number): T.Tensor {
  const kept = shape.slice();
  if (axis === undefined) kept.fill(1);
  else kept[axis] = 1;
  return T.add(T.zeros(shape), T.scale(g.reshape(kept), s));
}

/**
 * `Σ x` over `axis` (every element without one). ∂/∂x_i = 1, so the gradient is `g` repeated over the axis.
 * @param a any shape
 * @param axis axis to reduce (negative counts from the end); all axes if omitted
 * @param keepDims keep the reduced axis with extent 1
 */
export function sum(a: Var, axis?: number, keepDims = false): Var {
  checkVar("ag.sum", "a", a);
  const ax = axis === undefined ? undefined : T.normAxis("ag.sum", axis, a.shape.length);
  return new Var(T.sum(a.value, ax, keepDims), [a], (g) => accumulate(a, spread(g, a.shape, ax, 1)), "sum");
}

/** The mean over `axis` (every element without one). ∂/∂x_i = 1/n. */
export function mean(a: Var, axis?: number, keepDims = false): Var {
  checkVar("ag.mean", "a", a);
  const ax = axis === undefined ? undefined : T.normAxis("ag.mean", axis, a.shape.length);
  const n = ax === undefined ? a.value.size : a.shape[ax];
  return new Var(T.mean(a.value, ax, keepDims), [a], (g) => accumulate(a, spread(g, a.shape, ax, 1 / n)), "mean");
}
