// The numerical gradient itself: central differences of a scalar function with respect to one tensor, element by element.
import { Tensor, requireFloat64 } from "../tensor";
import { argError, checkFunction, checkInt, checkNumber } from "../args";

/**
 * `∂f/∂x` by central differences, `(f(x + εe_i) − f(x − εe_i)) / 2ε` for every element `i` of `x` (float64;
 * error O(ε²) plus round-off ≈ 1e-10·|f|/ε). `x` is perturbed in place and restored, so `f` must read it.
 * {@link gradCheck} compares such numbers with an analytic gradient; this returns them, e.g. for a test that
 * records the expected gradient as numbers.
 * @param f a scalar function of the current value of `x` (and of anything else, held fixed)
 * @param x any shape
 * @param opts.eps the step ε (default 1e-6)
 * @returns a tensor of `x`'s shape
 * @example
 * const x = rl.tensor([1, 2]);
 * rl.numericGrad(() => rl.sum(rl.square(x)).item(), x).toArray(); // ≈ [2, 4]
 */
export function numericGrad(f: () => number, x: Tensor, opts: { eps?: number } = {}): Tensor {
  if (typeof f !== "function") throw new Error(`numericGrad: f must be a function returning a number, got ${typeof f}`);
  if (!(x instanceof Tensor)) throw new Error("numericGrad: x must be a Tensor");
  requireFloat64("numericGrad");
  const eps = opts.eps ?? 1e-6;
  if (!(eps > 0)) throw new Error(`numericGrad: eps must be positive, got ${eps}`);
  const f0 = f();
  if (typeof f0 !== "number") throw new Error(`numericGrad: f must return a number, got ${typeof f0}`);
  const g = new Float64Array(x.data.length);
  for (let i = 0; i < x.data.length; i++) g[i] = centralDifference(f, x.data, i, eps);
  return new Tensor(g, x.shape.slice());
}

/**
 * One element of the numerical gradient: `(f(θ + ε e_i) − f(θ − ε e_i)) / 2ε`, with `data[i]` perturbed in place
 * and restored. Shared by {@link numericGrad} and `gradCheck`, which check what `f` returns.
 * @param data the values `f` reads (a tensor's `data`, any shape, flat index `i`)
 */
export function centralDifference(f: () => number, data: Float64Array, i: number, eps: number): number {
  checkFunction("centralDifference", "f", f);
  if (!(data instanceof Float64Array)) throw argError("centralDifference", "data", "a Float64Array", data);
  checkInt("centralDifference", "i", i, { min: 0, below: data.length });
  checkNumber("centralDifference", "eps", eps, { above: 0 });
  const old = data[i];
  data[i] = old + eps;
  const fPlus = f();
  data[i] = old - eps;
  const fMinus = f();
  data[i] = old;
  return (fPlus - fMinus) / (2 * eps);
}
