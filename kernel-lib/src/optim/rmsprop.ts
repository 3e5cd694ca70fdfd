// RMSProp: steps divided by a running RMS of the gradient (optionally centred, with momentum), PyTorch's update.
import type { Param } from "../cells/types";
import { Optimizer, withWeightDecay } from "./optimizer";
import { checkBoolean, checkNumber, checkOptions, orDefault } from "../args";

/** Options of {@link RMSProp}. */
export interface RMSPropOptions {
  /** Default 0.01. */
  lr?: number;
  /** Smoothing constant α, default 0.99. */
  alpha?: number;
  /** Default 1e-8. */
  eps?: number;
  momentum?: number;
  /** Divide by the running variance instead of the running second moment. */
  centered?: boolean;
  weightDecay?: number;
}

/**
 * RMSProp as `torch.optim.RMSprop`: `g ← ∇ + λ w`, `v ← α v + (1 − α) g²`; centred: `ḡ ← α ḡ + (1 − α) g`,
 * `d = √(v − ḡ²) + ε`, else `d = √v + ε`; with momentum `b ← μ b + g / d`, `w ← w − lr b`, else `w ← w − lr g / d`.
 * @example
 * const opt = new RMSProp(model.parameters(), { lr: 1e-3 });
 */
export class RMSProp extends Optimizer {
  readonly alpha: number;
  readonly eps: number;
  readonly momentum: number;
  readonly centered: boolean;
  readonly weightDecay: number;

  constructor(params: Param[], opts: RMSPropOptions = {}) {
    checkOptions("RMSProp", "opts", opts, ["lr", "alpha", "eps", "momentum", "centered", "weightDecay"]);
    super("RMSProp", params, orDefault(opts.lr, 0.01) as number);
    // torch.optim.RMSprop's ranges; α > 1 would make the running average negative (√ of it NaN), so it is refused too
    this.alpha = checkNumber("RMSProp", "alpha", orDefault(opts.alpha, 0.99), { min: 0, max: 1 });
    this.eps = checkNumber("RMSProp", "eps", orDefault(opts.eps, 1e-8), { min: 0 });
    this.momentum = checkNumber("RMSProp", "momentum", orDefault(opts.momentum, 0), { min: 0 });
    this.centered = checkBoolean("RMSProp", "centered", orDefault(opts.centered, false));
    this.weightDecay = checkNumber("RMSProp", "weightDecay", orDefault(opts.weightDecay, 0), { min: 0 });
  }

  protected update(i: number, w: Float64Array, grad: Float64Array): void {
    const g = withWeightDecay(grad, w, this.weightDecay);
    const a = this.alpha;
    const v = this.buffer(i, "squareAvg");
    const gAvg = this.centered ? this.buffer(i, "gradAvg") : null;
    const b = this.momentum > 0 ? this.buffer(i, "momentum") : null;
    for (let k = 0; k < w.length; k++) {
      v[k] = a * v[k] + (1 - a) * g[k] * g[k];
      let d: number;
      if (gAvg) {
        gAvg[k] = a * gAvg[k] + (1 - a) * g[k];
        d = Math.sqrt(v[k] - gAvg[k] * gAvg[k]) + this.eps;
      } else {
        d = Math.sqrt(v[k]) + this.eps;
      }
      if (b) {
        b[k] = this.momentum * b[k] + g[k] / d;
        w[k] -= this.lr * b[k];
      } else {
        w[k] -= (this.lr * g[k]) / d;
      }
    }
  }
}
