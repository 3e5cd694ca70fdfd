// Adam: bias-corrected running first and second moments of the gradient, PyTorch's update.
import type { Param } from "../cells/types";
import { Optimizer, withWeightDecay } from "./optimizer";
import { checkNumber, checkOptions, orDefault } from "../args";

/** Options of {@link Adam}. */
export interface AdamOptions {
  /** Default 1e-3. */
  lr?: number;
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-8. */
  eps?: number;
  /** L2 penalty folded into the gradient (PyTorch's `Adam(weight_decay)`, not AdamW). */
  weightDecay?: number;
}

/**
 * Adam as `torch.optim.Adam`: `g ← ∇ + λ w`, `m ← β₁ m + (1 − β₁) g`, `v ← β₂ v + (1 − β₂) g²`,
 * `w ← w − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)` (Kingma & Ba 2015, Algorithm 1, ε placed as PyTorch does).
 * @example
 * const opt = new Adam(model.parameters(), { lr: 1e-2 });
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;

  constructor(params: Param[], opts: AdamOptions = {}) {
    checkOptions("Adam", "opts", opts, ["lr", "beta1", "beta2", "eps", "weightDecay"]);
    super("Adam", params, orDefault(opts.lr, 1e-3) as number);
    // the ranges torch.optim.Adam enforces
    this.beta1 = checkNumber("Adam", "beta1", orDefault(opts.beta1, 0.9), { min: 0, below: 1 });
    this.beta2 = checkNumber("Adam", "beta2", orDefault(opts.beta2, 0.999), { min: 0, below: 1 });
    this.eps = checkNumber("Adam", "eps", orDefault(opts.eps, 1e-8), { min: 0 });
    this.weightDecay = checkNumber("Adam", "weightDecay", orDefault(opts.weightDecay, 0), { min: 0 });
  }

  protected update(i: number, w: Float64Array, grad: Float64Array): void {
    const g = withWeightDecay(grad, w, this.weightDecay);
    const { beta1: b1, beta2: b2 } = this;
    const m = this.buffer(i, "m");
    const v = this.buffer(i, "v");
    const stepSize = this.lr / (1 - b1 ** this.stepCount);
    const sqrtBc2 = Math.sqrt(1 - b2 ** this.stepCount);
    for (let k = 0; k < w.length; k++) {
      m[k] = b1 * m[k] + (1 - b1) * g[k];
      v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
      w[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) / sqrtBc2 + this.eps);
    }
  }
}
