// The base every optimizer shares: the parameter list, per-parameter state buffers, zeroGrad and the step count.
import type { Param } from "../cells/types";
import { checkFinite, checkFiniteFor32 } from "../tensor";
import { argError, checkNumber, debugMode, describe } from "../args";

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
  /** The class name in error messages, e.g. `"Adam"`. */
  private readonly fn: string;

  constructor(fn: string, params: Param[], lr: number) {
    if (!Array.isArray(params) || params.length === 0) throw argError(fn, "params", "a non-empty array of Param { name, value, grad } (e.g. model.parameters())", params);
    params.forEach((p, i) => {
      // a Param's value and grad: Tensors, or anything holding `data` Float64Arrays of one length (what update reads)
      const ok = p && p.value?.data instanceof Float64Array && p.grad?.data instanceof Float64Array && p.value.data.length === p.grad.data.length;
      if (!ok) {
        throw new Error(`${fn}: params[${i}] (${p?.name}) must have value and grad of the same shape`);
      }
    });
    checkNumber(fn, "lr", lr, { min: 0 });
    this.fn = fn;
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
    const fn = `${this.fn}.step`;
    checkNumber(fn, "lr", this.lr, { min: 0 }); // a schedule may have set it
    this.stepCount++;
    const debug = debugMode();
    if (debug) for (const p of this.params) checkFinite(`${fn} (step ${this.stepCount}, weights left unchanged)`, `the gradient of ${p.name}`, p.grad);
    this.params.forEach((p, i) => this.update(i, p.value.data, p.grad.data));
    if (debug) for (const p of this.params) checkFiniteFor32(`${fn} (step ${this.stepCount}: the update exploded, lr = ${this.lr}, gradient finite)`, p.name, p.value);
  }

  /** Updates `w` in place from `g` (parameter `i`). */
  protected abstract update(i: number, w: Float64Array, g: Float64Array): void;
}

/** `g + λ w` (L2 weight decay folded into the gradient, as PyTorch's `weight_decay`); `g` itself when λ = 0. */
export function withWeightDecay(g: Float64Array, w: Float64Array, weightDecay: number): Float64Array {
  if (!(g instanceof Float64Array) || !(w instanceof Float64Array) || g.length !== w.length) {
    throw new Error(`withWeightDecay: g and w must be Float64Arrays of one length, got ${describeArrays(g, w)}`);
  }
  checkNumber("withWeightDecay", "weightDecay", weightDecay, { min: 0 });
  if (weightDecay === 0) return g;
  const out = new Float64Array(g.length);
  for (let k = 0; k < g.length; k++) out[k] = g[k] + weightDecay * w[k];
  return out;
}

function describeArrays(g: unknown, w: unknown): string {
  return `${describe(g)} and ${describe(w)}`;
}
