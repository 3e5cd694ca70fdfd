// The products a sequence kernel takes out of its time loop: input pre-activations and weight gradients, one product per chunk of steps.
import { CellParams, CellState } from "../../cells";
import { Tensor } from "../../tensor";
import { fastGemm as gemm } from "../products";
import type { StepCache, UnrollResult } from "../../seq/types";
import { nativeCarryBackRows, nativeColumnSums } from "../native/backward-native";
import { wasmPin, wasmUnpin } from "../wasm/pin";

/** Rows (steps × batch) per input or weight-gradient product: big enough for the SIMD kernel, small enough to bound memory. */
export const SEQUENCE_CHUNK_ROWS = 512;

/** Steps per chunk: about {@link SEQUENCE_CHUNK_ROWS} rows, at least one step, at most T. */
export function chunkSteps(T: number, B: number): number {
  return Math.min(T, Math.max(1, Math.ceil(SEQUENCE_CHUNK_ROWS / B)));
}

/** The rows `[t0, t1)` of per-step `[rows, n]` blocks as one array: a view when they are consecutive in one buffer, else a copy. */
export function stepRows(parts: Float64Array[], t0: number, t1: number, n: number): Float64Array {
  const first = parts[t0];
  let contiguous = true;
  for (let t = t0 + 1; t < t1 && contiguous; t++) {
    contiguous = parts[t].buffer === first.buffer && parts[t].byteOffset === first.byteOffset + (t - t0) * n * 8;
  }
  if (contiguous) return new Float64Array(first.buffer, first.byteOffset, (t1 - t0) * n);
  const out = new Float64Array((t1 - t0) * n);
  for (let t = t0; t < t1; t++) out.set(parts[t], (t - t0) * n);
  return out;
}

/**
 * Input pre-activations of steps `[t0, t1)` in one product: `Z[t] = x_t W_ihᵀ + bias` for all their `(t1 − t0)·B` rows.
 * @param Z `[T, B, GH]` (the chunk's rows are written), `x` `[T, B, I]` data, `bias` `[GH]`
 */
export function inputProducts(Z: Float64Array, x: Float64Array, p: CellParams, bias: Float64Array, t0: number, t1: number, B: number, GH: number, I: number): void {
  const rows = (t1 - t0) * B;
  const Zc = Z.subarray(t0 * B * GH, t1 * B * GH);
  // every row starts as the bias and the product is accumulated onto it: each kernel finishes an element's sum s and then
  // adds C, and bias + s = s + bias exactly, so the values are those of "product, then add the bias", without a JS loop
  for (let r = 0; r < rows; r++) Zc.set(bias, r * GH);
  gemm(Zc, x.subarray(t0 * B * I, t1 * B * I), p.weight_ih.data, rows, GH, I, false, true, true);
}

/**
 * The backward of `z = x W_ihᵀ + h W_hhᵀ + b_ih + b_hh` over steps `[t0, t1)` in one product each:
 * `dW_ih += dZᵀ X`, `dW_hh += dZᵀ H_prev` (ADDED into `grads`), `db += Σ_rows dZ`, `dx[t0 … t1) = dZ W_ih`.
 * @param dZ `[(t1 − t0)·B, GH]` ∂L/∂z of the chunk (zero rows at padded steps)
 * @param xs per-step `x_t` `[B, I]`, `hps` per-step `h_{t−1}` `[B, H]`
 * @param db `[GH]` bias gradient sum (added to both biases by the caller), `dx` `[T, B, I]` data
 */
export function weightGradProducts(
  dZ: Float64Array, xs: Float64Array[], hps: Float64Array[], t0: number, t1: number, p: CellParams, grads: CellParams,
  db: Float64Array, dx: Float64Array, B: number, GH: number, I: number, H: number,
): void {
  weightGradProductsRows(dZ, stepRows(xs, t0, t1, B * I), stepRows(hps, t0, t1, B * H), t1 - t0, p, grads, db, dx.subarray(t0 * B * I, t1 * B * I), B, GH, I, H);
}

/**
 * {@link weightGradProducts} with the chunk's rows already gathered: `X` `[(t1 − t0)·B, I]`, `Hp` `[(t1 − t0)·B, H]`
 * (`h_{t−1}` of each step), `dxc` `[(t1 − t0)·B, I]` written; `steps = t1 − t0`. The same products in the same order.
 */
export function weightGradProductsRows(
  dZ: Float64Array, X: Float64Array, Hp: Float64Array, steps: number, p: CellParams, grads: CellParams,
  db: Float64Array, dxc: Float64Array, B: number, GH: number, I: number, H: number,
): void {
  const N = steps * B;
  const dZc = dZ.length === N * GH ? dZ : dZ.subarray(0, N * GH);
  gemm(grads.weight_ih.data, dZc, X, GH, I, N, true, false, true);
  gemm(grads.weight_hh.data, dZc, Hp, GH, H, N, true, false, true);
  columnSums(db, dZc, N, GH, GH, 0);
  gemm(dxc, dZc, p.weight_ih.data, N, I, GH, false, false, false);
}

/**
 * Bias-gradient column sums: `dst[j] += Σ_r src[r·stride + off + j]` for `j < cols`, each column over r = 0 … N−1 in
 * order; natively when the add-on is built (the same bits), else this JS loop.
 * @param dst `[cols]`, `src` `[N, stride]`
 */
export function columnSums(dst: Float64Array, src: Float64Array, N: number, cols: number, stride: number, off: number): void {
  if (nativeColumnSums(dst, src, N, cols, stride, off)) return;
  for (let r = 0; r < N; r++) {
    const o = r * stride + off;
    for (let j = 0; j < cols; j++) dst[j] += src[o + j];
  }
}

/**
 * Carries `∂L/∂h_{t−1} = dZ_t W_hh` back into `dh [B, H]`: real rows take `dhPrev`, padded rows (mask 0, state
 * copied) keep their `∂L/∂h_t` unchanged.
 */
export function carryBack(dh: Float64Array, dhPrev: Float64Array, mask: Float64Array | null, B: number, H: number): void {
  if (mask === null) dh.set(dhPrev);
  else if (!nativeCarryBackRows(dh, dhPrev, mask, 0, B, H)) for (let b = 0; b < B; b++) if (mask[b] !== 0) dh.set(dhPrev.subarray(b * H, (b + 1) * H), b * H);
}

/**
 * Padding in the time loop: a padded row keeps its previous state. Rows `b` with `m[t·B + b] = 0` of `next [B, H]`
 * are copied from `prev [B, H]`; nothing happens without a mask.
 */
export function keepPaddedRows(next: Float64Array, prev: Float64Array, m: Float64Array | null, t: number, B: number, H: number): void {
  if (m === null) return;
  for (let b = 0; b < B; b++) if (m[t * B + b] === 0) next.set(prev.subarray(b * H, (b + 1) * H), b * H);
}

/** The step record of step t for `bptt`: the cell cache, `x_t` as a view, and the mask row when the step has padding. */
export function stepRecord(cache: unknown, m: Float64Array | null, t: number, B: number, H: number, I: number): StepCache {
  const mt = m ? m.subarray(t * B, (t + 1) * B) : null;
  return { cache, mask: mt !== null && mt.includes(0) ? mt : null, B, H, I };
}

/**
 * The time loop of the GRU and RNN sequence kernels, with `W_hh` pinned in the SIMD kernels' memory throughout: for t < T,
 * `step(t, hPrev)` computes h_t into the `[B, H]` block t + 1 of `hs` (`[T + 1, B, H]`, block 0 the state0) and returns it;
 * padded rows (mask 0) then keep `h_{t−1}`, and `cacheOf(t, hPrev, h)` gives step t's cell cache.
 * @returns unroll's result: outputs from `hs`, step records, and states as views into `hs`
 */
export function pinnedStateLoop(
  whh: Float64Array, hs: Float64Array, m: Float64Array | null, T: number, B: number, H: number, I: number,
  step: (t: number, hPrev: Float64Array) => Float64Array, cacheOf: (t: number, hPrev: Tensor, h: Tensor) => unknown,
): UnrollResult {
  const caches: StepCache[] = new Array(T);
  const states: CellState[] = new Array(T);
  let hPrev = new Tensor(hs.subarray(0, B * H), [B, H]);
  wasmPin(whh);
  try {
    for (let t = 0; t < T; t++) {
      const hNew = step(t, hPrev.data);
      keepPaddedRows(hNew, hPrev.data, m, t, B, H);
      const h = new Tensor(hNew, [B, H]);
      caches[t] = stepRecord(cacheOf(t, hPrev, h), m, t, B, H, I);
      states[t] = { h };
      hPrev = h;
    }
  } finally {
    wasmUnpin();
  }
  return unrollResult(hs, m, T, B, H, caches, states);
}

/**
 * `outputs[t] = h_t` from state buffers `[T + 1, B, H]` (block 0 is state0), zero where padded (the states keep the
 * previous h there), with the rest of the unroll's result.
 */
export function unrollResult(hs: Float64Array, m: Float64Array | null, T: number, B: number, H: number, caches: StepCache[], states: CellState[]): UnrollResult {
  return { outputs: sequenceOutputs(hs, m, T, B, H), state: states[T - 1], caches, states };
}

/** `outputs [T, B, H]` with `outputs[t] = h_t` from state buffers `[T + 1, B, H]` (block 0 is state0), zero where `m` is 0. */
export function sequenceOutputs(hs: Float64Array, m: Float64Array | null, T: number, B: number, H: number): Tensor {
  const outputs = hs.slice(B * H);
  if (m) for (let k = 0; k < T * B; k++) if (m[k] === 0) outputs.fill(0, k * H, (k + 1) * H);
  return new Tensor(outputs, [T, B, H]);
}
