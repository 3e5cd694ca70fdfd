// Gradient clipping by global L2 norm and by value, in place, as torch.nn.utils does.
import type { Param } from "../cells/types";
import { checkFinite } from "../tensor";
import { argError, checkBoolean, checkOptions, describe } from "../args";

/** Throws unless `params` is an array of `{ name, value, grad }` with Tensor gradients. */
function checkParams(fn: string, params: Param[]): void {
  if (!Array.isArray(params)) throw argError(fn, "params", "an array of Param { name, value, grad } (e.g. model.parameters())", params);
  params.forEach((p, i) => {
    if (!p || !(p.grad?.data instanceof Float64Array)) throw argError(fn, `params[${i}]`, "a Param { name, value, grad } with a Tensor grad", p);
  });
}

/**
 * The global L2 norm of all gradients, `‖g‖ = √(Σ_p Σ_k g_{p,k}²)` (no clipping).
 * @param params the parameters whose `grad` to measure
 */
export function gradNorm(params: Param[]): number {
  checkParams("gradNorm", params);
  let s = 0;
  for (const p of params) for (const g of p.grad.data) s += g * g;
  return Math.sqrt(s);
}

/** Options of {@link clipGradNorm}. */
export interface ClipGradNormOptions {
  /**
   * Throw when the total norm is NaN or ±Infinity, naming the first parameter whose gradient holds a non-finite value
   * (PyTorch's `error_if_nonfinite`). Default false: as PyTorch, the gradients are then scaled by the non-finite
   * coefficient (NaN) and the norm is returned.
   */
  errorIfNonfinite?: boolean;
}

/**
 * Rescales every gradient by `min(1, maxNorm / (‖g‖ + 1e-6))` where `‖g‖` is the global L2 norm over all
 * parameters (Pascanu et al. 2013; `torch.nn.utils.clip_grad_norm_`).
 * @param params parameters whose `grad` is clipped in place
 * @param maxNorm the largest norm allowed (> 0)
 * @param opts `{ errorIfNonfinite }`: throw on a NaN/±Infinity norm instead of scaling by it
 * @returns the total norm before clipping (what a training curve records)
 * @example
 * const before = clipGradNorm(lstm.parameters(), 5, { errorIfNonfinite: true });
 */
export function clipGradNorm(params: Param[], maxNorm: number, opts: ClipGradNormOptions = {}): number {
  const fn = "clipGradNorm";
  checkParams(fn, params);
  if (typeof maxNorm !== "number" || !(maxNorm > 0)) throw argError(fn, "maxNorm", "> 0", maxNorm);
  const { errorIfNonfinite = false } = checkOptions(fn, "opts", opts, ["errorIfNonfinite"]);
  checkBoolean(fn, "errorIfNonfinite", errorIfNonfinite);
  const total = gradNorm(params);
  if (errorIfNonfinite && !Number.isFinite(total)) {
    for (const p of params) checkFinite(fn, `the gradient of ${p.name}`, p.grad);
    throw new Error(`${fn}: the total gradient norm overflows to ${total} (every gradient is finite but their squares sum past 1.8e308)`);
  }
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) for (const p of params) for (let k = 0; k < p.grad.size; k++) p.grad.data[k] *= coef;
  return total;
}

/**
 * Clamps every gradient element to `[−v, v]` in place (`torch.nn.utils.clip_grad_value_`).
 * @param params parameters whose `grad` is clipped
 * @param v the bound (> 0)
 */
export function clipGradValue(params: Param[], v: number): void {
  checkParams("clipGradValue", params);
  if (typeof v !== "number" || !(v > 0)) throw new Error(`clipGradValue: the bound must be > 0, got ${describe(v)}`);
  for (const p of params) for (let k = 0; k < p.grad.size; k++) p.grad.data[k] = Math.min(v, Math.max(-v, p.grad.data[k]));
}
