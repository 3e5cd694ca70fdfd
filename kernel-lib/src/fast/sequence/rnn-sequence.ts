// The sequence-level vanilla RNN kernel behind unroll/bptt: input products and weight gradients as one product per chunk of steps.
import { Tensor } from "../../tensor";
import { Activation } from "../../tensor";
import { fastGemm as gemm } from "../products";
import { wasmPin, wasmUnpin } from "../wasm/pin";
import { CellParams, CellState, RnnCellCache, activationBackward } from "../../cells";
import { activateRows } from "./rnn-gates";
import type { StepCache, UnrollResult } from "../../seq/types";
import { nativeRnnBackwardStep } from "../native/backward-native";
import { carryBack, chunkSteps, inputProducts, pinnedStateLoop, weightGradProducts } from "./sequence-products";

/**
 * The vanilla RNN over a whole sequence, the same values as stepping `rnnCellForward` (up to round-off):
 * `Z = X W_ihᵀ + (b_ih + b_hh)` as one product per chunk of steps, then per step `Z_t += h_{t−1} W_hhᵀ` and
 * `h_t = φ(Z_t)` in place. States `h [T + 1, B, H]` (block 0 a copy of state0) hold the activated outputs;
 * caches and states are views into it. Padded rows (mask 0) keep the previous state (also in the cache's `h`,
 * which the backward never reads there) and output zeros.
 */
export function rnnUnrollSequence(
  p: CellParams, x: Tensor, state0: CellState | null, m: Float64Array | null, T: number, B: number, I: number, H: number, act: Activation,
): UnrollResult {
  const BH = B * H;
  const hs = new Float64Array((T + 1) * BH);
  if (state0 !== null) hs.set(state0.h.data);
  const Z = hs.subarray(BH); // step t's pre-activations become h_t in place
  const bias = new Float64Array(H);
  for (let j = 0; j < H; j++) bias[j] = p.bias_ih.data[j] + p.bias_hh.data[j];
  const chunk = chunkSteps(T, B);
  const whh = p.weight_hh.data;
  return pinnedStateLoop(whh, hs, m, T, B, H, I, (t, hp) => {
    if (t % chunk === 0) inputProducts(Z, x.data, p, bias, t, Math.min(T, t + chunk), B, H, I);
    const z = Z.subarray(t * BH, (t + 1) * BH);
    // z = x W_ihᵀ + b + h W_hhᵀ, then h' = φ(z)
    gemm(z, hp, whh, B, H, H, false, true, true);
    activateRows(act, z);
    return z;
  }, (t, hPrev, h): RnnCellCache => ({ act, x: new Tensor(x.data.subarray(t * B * I, (t + 1) * B * I), [B, I]), hPrev, h, p }));
}

/**
 * One step of {@link rnnBpttSequence}'s loops in JS (the fallback of the native loop and its naive reference, the same
 * bits): `∂L/∂h_t = dh + dOut[t]` (real rows), `normsH[t] = ‖∂L/∂h_t‖` (summed over b, then j), then
 * `dz = ∂L/∂h_t ∗ φ'(y)` (`activationBackward`), zero at padded rows.
 * @param dOut `[T, B, H]` or null; `mask` `[B]` or null; `dh` `[B, H]` updated; `y` `[B, H]` the step's cached output
 * @param dZ step t's `[B, H]` rows written from offset `dzo`
 */
export function rnnStepBackward(
  dOut: Float64Array | null, mask: Float64Array | null, dh: Float64Array, dZ: Float64Array, y: Float64Array, normsH: number[],
  t: number, B: number, H: number, dzo: number, act: Activation,
): void {
  const BH = B * H;
  let s = 0;
  for (let b = 0; b < B; b++) {
    const pad = mask !== null && mask[b] === 0;
    for (let j = 0; j < H; j++) {
      const k = b * H + j;
      if (dOut !== null && !pad) dh[k] += dOut[t * BH + k];
      s += dh[k] * dh[k];
    }
  }
  normsH[t] = Math.sqrt(s);
  // dz = dh' ∗ φ'(z), φ' from the cached output; none at padded rows
  const dz = dZ.subarray(dzo, dzo + BH);
  activationBackward(act, dz, dh, y);
  if (mask !== null) for (let b = 0; b < B; b++) if (mask[b] === 0) dz.fill(0, b * H, (b + 1) * H);
}

/**
 * BPTT for vanilla RNN caches, the same values as stepping `rnnCellBackward` (up to round-off). Per step:
 * `∂L/∂h_t = dOutputs[t] + carried`, `dz = ∂L/∂h_t ∗ φ'(y)` (zero at padded rows), `∂L/∂h_{t−1} = dz W_hh`;
 * per chunk of steps: `dW_ih += dZᵀ X`, `dW_hh += dZᵀ H_prev`, biases `+= Σ dZ`, `dX = dZ W_ih`.
 * @param dOut `[T·B·H]` or null; `dh [B, H]` ∂L/∂h_T on entry, ∂L/∂h_0 on exit
 * @returns `dx [T, B, I]`
 */
export function rnnBpttSequence(
  caches: StepCache[], dOut: Float64Array | null, dh: Float64Array, grads: CellParams, normsH: number[],
  T: number, B: number, I: number, H: number,
): Tensor {
  const BH = B * H;
  const first = caches[0].cache as RnnCellCache;
  const { p, act } = first;
  const chunk = chunkSteps(T, B);
  const dZ = new Float64Array(chunk * BH);
  const dhPrev = new Float64Array(BH);
  const dx = new Float64Array(T * B * I);
  const db = new Float64Array(H);
  const xs = caches.map((c) => (c.cache as RnnCellCache).x.data);
  const hps = caches.map((c) => (c.cache as RnnCellCache).hPrev.data);
  let t1 = T;
  let t0 = Math.max(0, T - chunk);
  wasmPin(p.weight_hh.data);
  try {
    for (let t = T - 1; t >= 0; t--) {
      const { cache, mask } = caches[t];
      const y = (cache as RnnCellCache).h.data;
      // ‖∂L/∂h_t‖ and dz = dh' ∗ φ'(z), natively when the add-on is built (the same bits), else in JS
      if (!nativeRnnBackwardStep(dOut, mask, dh, dZ, y, normsH, t, B, H, (t - t0) * BH, act)) {
        rnnStepBackward(dOut, mask, dh, dZ, y, normsH, t, B, H, (t - t0) * BH, act);
      }
      const dz = dZ.subarray((t - t0) * BH, (t - t0 + 1) * BH);
      gemm(dhPrev, dz, p.weight_hh.data, B, H, H, false, false, false);
      carryBack(dh, dhPrev, mask, B, H);
      if (t === t0) {
        weightGradProducts(dZ, xs, hps, t0, t1, p, grads, db, dx, B, H, I, H);
        t1 = t0;
        t0 = Math.max(0, t0 - chunk);
      }
    }
  } finally {
    wasmUnpin();
  }
  for (let j = 0; j < H; j++) { grads.bias_ih.data[j] += db[j]; grads.bias_hh.data[j] += db[j]; }
  return new Tensor(dx, [T, B, I]);
}
