// Matrix product and axis permutation: y = a b with ∂/∂a = g bᵀ and ∂/∂b = aᵀ g.
import * as T from "../tensor";
import { Var, accumulate } from "./var";
import { checkVar } from "./var";
import { argError } from "../args";

/**
 * `y = a b`. ∂L/∂a = g bᵀ, ∂L/∂b = aᵀ g.
 * @param a [M, K]
 * @param b [K, N]
 * @returns [M, N]
 */
export function matmul(a: Var, b: Var): Var {
  checkVar("ag.matmul", "a", a);
  T.checkRank("ag.matmul", "a", a.value, 2, "M, K");
  T.checkShape("ag.matmul", "b", b.value, [a.shape[1], -1], "K, N");
  return new Var(T.matmul(a.value, b.value), [a, b], (g) => {
    accumulate(a, T.matmulTB(g, b.value));
    accumulate(b, T.matmulTA(a.value, g));
  }, "matmul");
}

/**
 * Permutes axes (reverses them without `perm`: the matrix transpose). The gradient is `g`
 * permuted back by the inverse permutation.
 * @param a e.g. [M, N]
 * @returns e.g. [N, M]
 */
export function transpose(a: Var, perm?: number[]): Var {
  checkVar("ag.transpose", "a", a);
  const p = perm ?? a.shape.map((_, i) => a.shape.length - 1 - i);
  const inverse = new Array<number>(p.length);
  p.forEach((axis, i) => (inverse[axis] = i));
  return new Var(T.transpose(a.value, p), [a], (g) => accumulate(a, T.transpose(g, inverse)), "transpose");
}
