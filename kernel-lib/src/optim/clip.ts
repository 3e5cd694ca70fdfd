// Gradient clipping by global L2 norm and by value, in place, as torch.nn.utils does.
import type { Param } from "../cells/types";

/**
 * The global L2 norm of all gradients, `‖g‖ = √(Σ_p Σ_k g_{p,k}²)` (no clipping).
 * @param params the parameters whose `grad` to measure
 */
export function gradNorm(params: Param[]): number {
  let s = 0;
  for (const p of params) for (const g of p.grad.data) s += g * g;
  return Math.sqrt(s);
}

/**
 * Rescales every gradient by `min(1, maxNorm / (‖g‖ + 1e-6))` where `‖g‖` is the global L2 norm over all
 * parameters (Pascanu et al. 2013; `torch.nn.utils.clip_grad_norm_`).
 * @param params parameters whose `grad` is clipped in place
 * @param maxNorm the largest norm allowed (> 0)
 * @returns the total norm before clipping (what a training curve records)
 * @example
 * const before = clipGradNorm(lstm.parameters(), 5);
 */
export function clipGradNorm(params: Param[], maxNorm: number): number {
  if (!(maxNorm > 0)) throw new Error(`clipGradNorm: maxNorm must be > 0, got ${maxNorm}`);
  const total = gradNorm(params);
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
  if (!(v > 0)) throw new Error(`clipGradValue: the bound must be > 0, got ${v}`);
  for (const p of params) for (let k = 0; k < p.grad.size; k++) p.grad.data[k] = Math.min(v, Math.max(-v, p.grad.data[k]));
}
