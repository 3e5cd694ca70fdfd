// Adagrad: per-coordinate steps shrinking with the accumulated squared gradient, PyTorch's update.
import type { Param } from "../cells/types";
import { Optimizer, withWeightDecay } from "./optimizer";
import { checkNumber, checkOptions, orDefault } from "../args";

/** Options of {@link Adagrad}. */
export interface AdagradOptions {
  /** Default 0.01. */
  lr?: number;
  /** Default 1e-10. */
  eps?: number;
  /** Learning-rate decay η_t = lr / (1 + (t − 1) · lrDecay), default 0. */
  lrDecay?: number;
  /** Starting value of the accumulator, default 0. */
  initialAccumulatorValue?: number;
  weightDecay?: number;
}

/**
 * Adagrad as `torch.optim.Adagrad`: `g ← ∇ + λ w`, `s ← s + g²`, `w ← w − η_t g / (√s + ε)`
 * with `η_t = lr / (1 + (t − 1) · lrDecay)`.
 * @example
 * const opt = new Adagrad(model.parameters(), { lr: 0.1 });
 */
export class Adagrad extends Optimizer {
  readonly eps: number;
  readonly lrDecay: number;
  readonly initialAccumulatorValue: number;
  readonly weightDecay: number;

  constructor(params: Param[], opts: AdagradOptions = {}) {
    checkOptions("Adagrad", "opts", opts, ["lr", "eps", "lrDecay", "initialAccumulatorValue", "weightDecay"]);
    super("Adagrad", params, orDefault(opts.lr, 0.01) as number);
    // the ranges torch.optim.Adagrad enforces
    this.eps = checkNumber("Adagrad", "eps", orDefault(opts.eps, 1e-10), { min: 0 });
    this.lrDecay = checkNumber("Adagrad", "lrDecay", orDefault(opts.lrDecay, 0), { min: 0 });
    this.initialAccumulatorValue = checkNumber("Adagrad", "initialAccumulatorValue", orDefault(opts.initialAccumulatorValue, 0), { min: 0 });
    this.weightDecay = checkNumber("Adagrad", "weightDecay", orDefault(opts.weightDecay, 0), { min: 0 });
  }

  protected update(i: number, w: Float64Array, grad: Float64Array): void {
    const g = withWeightDecay(grad, w, this.weightDecay);
    const first = !this.hasBuffer(i, "sum");
    const s = this.buffer(i, "sum");
    if (first) s.fill(this.initialAccumulatorValue);
    const clr = this.lr / (1 + (this.stepCount - 1) * this.lrDecay);
    for (let k = 0; k < w.length; k++) {
      s[k] += g[k] * g[k];
      w[k] -= (clr * g[k]) / (Math.sqrt(s[k]) + this.eps);
    }
  }
}
