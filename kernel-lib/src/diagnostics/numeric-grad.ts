// The numerical gradient itself: central differences of a scalar function with respect to one tensor, element by element.
import { Tensor } from "../tensor";

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
  const eps = opts.eps ?? 1e-6;
  if (!(eps > 0)) throw new Error(`numericGrad: eps must be positive, got ${eps}`);
  const g = new Float64Array(x.data.length);
  for (let i = 0; i < x.data.length; i++) {
    const old = x.data[i];
    x.data[i] = old + eps;
    const fPlus = f();
    x.data[i] = old - eps;
    const fMinus = f();
    x.data[i] = old;
    if (typeof fPlus !== "number" || typeof fMinus !== "number") throw new Error(`numericGrad: f must return a number, got ${typeof fPlus}`);
    g[i] = (fPlus - fMinus) / (2 * eps);
  }
  return new Tensor(g, x.shape.slice());
}
