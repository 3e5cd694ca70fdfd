// The vanilla RNN cell h' = φ(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh): forward and its hand-derived backward, side by side.
import { Activation, Tensor, sigmoidScalar } from "../tensor";
import { CellParams, cellSizes, checkStepInputs, checkCache } from "./types";
import { gatePreactivations, gatePreactivationsBackward } from "./affine";
import { describe } from "../args";

/** What {@link rnnCellForward} keeps for the backward pass. */
export interface RnnCellCache {
  act: Activation;
  x: Tensor;      // [B, I]
  hPrev: Tensor;  // [B, H]
  h: Tensor;      // [B, H], the output φ(z): φ' is written in terms of it
  p: CellParams;
}

const ACTS: readonly Activation[] = ["tanh", "relu", "sigmoid"];

/** Throws unless `act` is one of tanh, relu, sigmoid. */
export function checkActivation(fn: string, act: string): Activation {
  if (!ACTS.includes(act as Activation)) throw new Error(`${fn}: activation must be "tanh", "relu" or "sigmoid", got ${describe(act)}`);
  return act as Activation;
}

/** `z ← φ(z)` in place, the activation chosen once outside the loop (same values as `activate`). @param z any length */
export function activateInPlace(act: Activation, z: Float64Array): void {
  const n = z.length;
  if (act === "tanh") {
    for (let k = 0; k < n; k++) z[k] = Math.tanh(z[k]);
  } else if (act === "relu") {
    for (let k = 0; k < n; k++) z[k] = z[k] > 0 ? z[k] : 0;
  } else {
    const sigmoid = sigmoidScalar;
    for (let k = 0; k < n; k++) z[k] = sigmoid(z[k]);
  }
}

/** `dz = dh ∗ φ'(z)` with φ' from the output y (same values as `activateGradFromOutput`): tanh' = 1 − y², σ' = y(1 − y), relu' = [y > 0]. @param dz, dh, y same length */
export function activationBackward(act: Activation, dz: Float64Array, dh: Float64Array, y: Float64Array): void {
  const n = dz.length;
  if (act === "tanh") {
    for (let k = 0; k < n; k++) dz[k] = dh[k] * (1 - y[k] * y[k]);
  } else if (act === "relu") {
    for (let k = 0; k < n; k++) dz[k] = dh[k] * (y[k] > 0 ? 1 : 0);
  } else {
    for (let k = 0; k < n; k++) dz[k] = dh[k] * (y[k] * (1 - y[k]));
  }
}

/**
 * One vanilla RNN step: `h' = φ(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)` with φ ∈ tanh | relu | sigmoid.
 * (In the notebooks' notation: `a_t = φ(W_aa a_{t−1} + W_ax x_t + b_a)`, `W_ax = W_ih`, `W_aa = W_hh`, `b_a = b_ih + b_hh`.)
 * @param x `[B, I]` input at this step
 * @param h `[B, H]` previous hidden state
 * @param p `weight_ih [H, I]`, `weight_hh [H, H]`, `bias_ih [H]`, `bias_hh [H]`
 * @param act the nonlinearity φ (default `"tanh"`)
 * @returns `h [B, H]` and the cache for {@link rnnCellBackward}
 * @example
 * const { h } = rnnCellForward(x, zeros([B, H]), initCellParams("rnn", I, H), "tanh");
 */
export function rnnCellForward(x: Tensor, h: Tensor, p: CellParams, act: Activation = "tanh"): { h: Tensor; cache: RnnCellCache } {
  const fn = "rnnCellForward";
  checkActivation(fn, act);
  const { H, I } = cellSizes(fn, p, 1);
  const B = checkStepInputs(fn, x, h, I, H);
  // z = x W_ihᵀ + h W_hhᵀ + b_ih + b_hh, one fused product per input
  const z = gatePreactivations(x, h, p, B, H, I, H);
  // h' = φ(z)
  activateInPlace(act, z);
  const hNew = new Tensor(z, [B, H]);
  return { h: hNew, cache: { act, x, hPrev: h, h: hNew, p } };
}

/**
 * The backward pass of {@link rnnCellForward}, in reverse order of the forward:
 * `dz = dh' ∗ φ'(z)`; `dW_ih += dzᵀ x`, `dW_hh += dzᵀ h`, `db_ih += Σ_b dz`, `db_hh += Σ_b dz`;
 * `dx = dz W_ih`, `dh = dz W_hh`.
 * @param dh `[B, H]` ∂L/∂h' (the total gradient reaching the new state)
 * @param cache from {@link rnnCellForward}
 * @param grads gradients of the parameters, ADDED into
 * @returns `dx [B, I]` and `dh [B, H]` = ∂L/∂h (previous state)
 */
export function rnnCellBackward(dh: Tensor, cache: RnnCellCache, grads: CellParams): { dx: Tensor; dh: Tensor } {
  const fn = "rnnCellBackward";
  checkCache(fn, cache, "rnnCellForward");
  const { act, x, hPrev, h, p } = cache;
  const [B, H] = h.shape;
  const I = x.shape[1];
  cellSizes(fn, grads, 1);
  checkStepInputs(fn, x, dh, I, H);
  // dz = dh' ∗ φ'(z), φ' from the cached output
  const dz = new Float64Array(B * H);
  activationBackward(act, dz, dh.data, h.data);
  // z = x W_ihᵀ + h W_hhᵀ + b: dW_ih += dzᵀ x, dW_hh += dzᵀ h, biases += Σ_b dz; dx = dz W_ih, dh = dz W_hh
  return gatePreactivationsBackward(dz, x, hPrev, p, grads, B, H, I, H);
}
