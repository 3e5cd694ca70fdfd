// Functional front-ends: valueAndGrad(f)(...tensors) and gradients of a function of named parameters.
import { Tensor, fmtShape, zeros } from "../tensor";
import { Var, backward } from "./var";
import { checkFunction, checkOptions } from "../args";

/** What {@link valueAndGrad} returns: the scalar value and ∂f/∂(each argument), in argument order. */
export interface ValueAndGrad {
  value: number;
  grads: Tensor[];
}

function checkScalar(fn: string, out: unknown): Var {
  if (!(out instanceof Var)) throw new Error(`${fn}: f must return a Var, got ${typeof out}`);
  if (out.value.size !== 1) throw new Error(`${fn}: f must return a one-element Var (a scalar loss), got ${fmtShape(out.shape)}`);
  return out;
}

/**
 * Turns `f(...vars) → scalar Var` into `(...tensors) → { value, grads }` (JAX's `value_and_grad`).
 * Each argument becomes a fresh leaf; an argument `f` does not use gets a zero gradient.
 * @example
 * const { value, grads } = valueAndGrad((w, x) => ag.sum(ag.tanh(ag.matmul(x, w))))(W, X);
 */
export function valueAndGrad(f: (...args: Var[]) => Var): (...args: Tensor[]) => ValueAndGrad {
  checkFunction("valueAndGrad", "f", f);
  return (...args: Tensor[]) => {
    const leaves = args.map((a, i) => {
      if (!(a instanceof Tensor)) throw new Error(`valueAndGrad: argument ${i} must be a Tensor, got ${typeof a}`);
      return new Var(a);
    });
    const out = checkScalar("valueAndGrad", f(...leaves));
    backward(out);
    return { value: out.item(), grads: leaves.map((v) => v.grad ?? zeros(v.shape)) };
  };
}

/** `(...tensors) → grads`: {@link valueAndGrad} without the value. */
export function gradOf(f: (...args: Var[]) => Var, fn = "gradOf"): (...args: Tensor[]) => Tensor[] {
  checkFunction(fn, "f", f);
  const vg = valueAndGrad(f);
  return (...args: Tensor[]) => vg(...args).grads;
}

/**
 * The value of `f(p)` and ∂f/∂p for a record of named parameters, e.g. a cell's
 * `{ weight_ih, weight_hh, bias_ih, bias_hh }`. Unused parameters get zero gradients.
 * @example
 * const { value, grads } = valueAndGradRecord((p) => ag.sum(ag.matmul(x, p.w)), { w: W });
 */
export function valueAndGradRecord<K extends string>(
  f: (p: Record<K, Var>) => Var,
  params: Record<K, Tensor>,
): { value: number; grads: Record<K, Tensor> } {
  checkFunction("valueAndGradRecord", "f", f);
  checkOptions("valueAndGradRecord", "params", params ?? null);
  const leaves = {} as Record<K, Var>;
  for (const k of Object.keys(params) as K[]) {
    if (!(params[k] instanceof Tensor)) throw new Error(`valueAndGradRecord: parameter ${k} must be a Tensor`);
    leaves[k] = new Var(params[k]);
    leaves[k].name = k;
  }
  const out = checkScalar("valueAndGradRecord", f(leaves));
  backward(out);
  const grads = {} as Record<K, Tensor>;
  for (const k of Object.keys(leaves) as K[]) grads[k] = leaves[k].grad ?? zeros(leaves[k].shape);
  return { value: out.item(), grads };
}

/** `ag.grad(f)`: {@link gradOf} under the name the `ag` namespace gives it (errors name `ag.grad`). */
export function agGrad(f: (...args: Var[]) => Var): (...args: Tensor[]) => Tensor[] {
  return gradOf(f, "ag.grad");
}
