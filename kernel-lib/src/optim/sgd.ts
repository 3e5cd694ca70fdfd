// Stochastic gradient descent with optional (Nesterov) momentum and weight decay, PyTorch's update.
import type { Param } from "../cells/types";
import { Optimizer, withWeightDecay } from "./optimizer";
import { checkBoolean, checkNumber, checkOptions } from "../args";

/** Options of {@link SGD}. */
export interface SGDOptions {
  lr: number;
  /** μ, 0 for plain SGD. */
  momentum?: number;
  /** τ, PyTorch's `dampening` (default 0). */
  dampening?: number;
  nesterov?: boolean;
  /** λ: adds `λ w` to the gradient. */
  weightDecay?: number;
}

/**
 * SGD exactly as `torch.optim.SGD`: `g ← ∇ + λ w`; with momentum `b ← g` on the first step, then
 * `b ← μ b + (1 − τ) g`; the step direction is `g + μ b` (Nesterov) or `b`; `w ← w − lr · direction`.
 * @example
 * const opt = new SGD(lstm.parameters(), { lr: 0.1, momentum: 0.9 });
 * opt.zeroGrad(); // …backward…
 * opt.step();
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;

  constructor(params: Param[], opts: SGDOptions) {
    checkOptions("SGD", "opts", opts ?? null, ["lr", "momentum", "dampening", "nesterov", "weightDecay"]);
    super("SGD", params, opts.lr);
    const { momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 } = opts;
    // torch.optim.SGD's ranges; a dampening outside [0, 1] would reverse or amplify the gradient, so it is refused too
    checkNumber("SGD", "momentum", momentum, { min: 0 });
    checkNumber("SGD", "dampening", dampening, { min: 0, max: 1 });
    checkBoolean("SGD", "nesterov", nesterov);
    checkNumber("SGD", "weightDecay", weightDecay, { min: 0 });
    if (nesterov && (momentum <= 0 || dampening !== 0)) throw new Error("SGD: nesterov needs momentum > 0 and dampening 0");
    this.momentum = momentum;
    this.dampening = dampening;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
  }

  protected update(i: number, w: Float64Array, grad: Float64Array): void {
    const g = withWeightDecay(grad, w, this.weightDecay);
    const mu = this.momentum;
    if (mu === 0) {
      for (let k = 0; k < w.length; k++) w[k] -= this.lr * g[k];
      return;
    }
    const first = !this.hasBuffer(i, "momentum");
    const b = this.buffer(i, "momentum");
    for (let k = 0; k < w.length; k++) {
      b[k] = first ? g[k] : mu * b[k] + (1 - this.dampening) * g[k];
      w[k] -= this.lr * (this.nesterov ? g[k] + mu * b[k] : b[k]);
    }
  }
}
