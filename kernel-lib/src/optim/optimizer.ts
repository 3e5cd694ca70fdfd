// The base every optimizer shares: the parameter list, per-parameter state buffers, zeroGrad and the step count.
import type { Param } from "../cells/types";

/** What `fit` needs from an optimizer. */
export interface OptimizerLike {
  step(): void;
  zeroGrad(): void;
}

/**
 * Holds the parameters an optimizer updates in place (`value -= …` from `grad`) and lazily made
 * state buffers, one `Float64Array` per parameter and name (e.g. `"m"`, `"v"`, `"momentum"`).
 */
export abstract class Optimizer implements OptimizerLike {
  /** The parameters updated by {@link step}. */
  readonly params: Param[];
  /** The learning rate; may be changed between steps (a schedule). */
  lr: number;
  /** Steps taken so far (Adam's bias correction uses it). */
  stepCount = 0;
  private readonly state = new Map<string, Float64Array>();

  constructor(fn: string, params: Param[], lr: number) {
    if (!Array.isArray(params) || params.length === 0) throw new Error(`${fn}: params must be a non-empty array of Param, got ${Array.isArray(params) ? "[]" : typeof params}`);
    params.forEach((p, i) => {
      if (!p || !p.value || !p.grad || p.value.size !== p.grad.size) {
        throw new Error(`${fn}: params[${i}] (${p?.name}) must have value and grad of the same shape`);
      }
    });
    if (!(lr >= 0) || !Number.isFinite(lr)) throw new Error(`${fn}: lr must be a finite number ≥ 0, got ${lr}`);
    this.params = params;
    this.lr = lr;
  }

  /** A state buffer of parameter `i`, zeros on first use. */
  protected buffer(i: number, name: string): Float64Array {
    const key = `${i}:${name}`;
    let b = this.state.get(key);
    if (!b) {
      b = new Float64Array(this.params[i].value.size);
      this.state.set(key, b);
    }
    return b;
  }

  /** True when parameter `i` already has the named buffer (first-step rules, e.g. SGD momentum). */
  protected hasBuffer(i: number, name: string): boolean {
    return this.state.has(`${i}:${name}`);
  }

  /** Sets every parameter's gradient to 0 (gradients accumulate until then). */
  zeroGrad(): void {
    for (const p of this.params) p.grad.data.fill(0);
  }

  /** One update of every parameter from its gradient. */
  step(): void {
    this.stepCount++;
    this.params.forEach((p, i) => this.update(i, p.value.data, p.grad.data));
  }

  /** Updates `w` in place from `g` (parameter `i`). */
  protected abstract update(i: number, w: Float64Array, g: Float64Array): void;
}

/** `g + λ w` (L2 weight decay folded into the gradient, as PyTorch's `weight_decay`); `g` itself when λ = 0. */
export function withWeightDecay(g: Float64Array, w: Float64Array, weightDecay: number): Float64Array {
  if (weightDecay === 0) return g;
  const out = new Float64Array(g.length);
  for (let k = 0; k < g.length; k++) out[k] = g[k] + weightDecay * w[k];
  return out;
}
