// The tensor level of the backend seam: the products, the finite-value scans and the rows of a softmax that every cell, loss
// and layer calls, in plain JS until a backend installs its own (`rl.setBackend`). This file names no backend: backends hand
// in their kernels.
import { gemmStrided } from "./gemm-js";

/** What a backend supplies to the tensor layer. */
export interface TensorKernels {
  /** `C[M,N] (+)= op(A) · op(B)`, the contract of {@link gemmNaive} (`op` transposes a stored `[K, M]` / `[N, K]`). */
  gemm(C: Float64Array, A: Float64Array, B: Float64Array, M: number, N: number, K: number, transA: boolean, transB: boolean, accumulate: boolean): void;
  /** The index of the first NaN/±∞ of `d`, or −1 when every value is finite. */
  firstNonFinite(d: Float64Array): number;
  /** The index of the first value of `d` that is NaN or has `|d[i]| > limit` (±∞ too for a finite limit), or −1. */
  firstOutside(d: Float64Array, limit: number): number;
  /** The rows of a softmax, the contract of {@link softmaxRowsJs}. */
  softmaxRows(z: Float64Array, out: Float64Array, rows: number, C: number, mask: Float64Array | null, scale: number, maxes: Float64Array, sums: Float64Array): void;
}

/**
 * The plain JavaScript kernels: the register-blocked loop of `gemmStrided` (every element `C + Σ_k a·b` in increasing k,
 * the bits of the naive triple loop) and linear scans.
 */
export const JS_TENSOR_KERNELS: TensorKernels = {
  gemm(C, A, B, M, N, K, transA, transB, accumulate) {
    gemmStrided(C, A, B, M, N, K, transA ? 1 : K, transA ? M : 1, transB ? K : 1, transB ? 1 : N, accumulate);
  },
  firstNonFinite(d) {
    for (let i = 0; i < d.length; i++) if (d[i] - d[i] !== 0) return i;
    return -1;
  },
  firstOutside(d, limit) {
    for (let i = 0; i < d.length; i++) if (!(d[i] <= limit && d[i] >= -limit)) return i;
    return -1;
  },
  softmaxRows: softmaxRowsJs,
};

/**
 * The softmax of every unmasked row of `z [rows, C]`, scaled: for row n with `mask[n] ≠ 0` (every row when `mask`
 * is null), `μ_n = max_k z_{n,k}`, `s_n = Σ_k e^{z_{n,k} − μ_n}` (summed in increasing k) and
 * `out_{n,k} = e^{z_{n,k} − μ_n} / s_n / scale`; `maxes[n] = μ_n`, `sums[n] = s_n`. Masked rows are not touched.
 * Shifting by the row's maximum keeps every exponent ≤ 0 (no overflow); `μ_n + log s_n` is the row's log-sum-exp.
 * @param z `[rows, C]` scores; `out` `[rows, C]` (may be `z`); `mask` `[rows]` of 0/1 or null; `maxes`, `sums` `[rows]`
 */
export function softmaxRowsJs(
  z: Float64Array, out: Float64Array, rows: number, C: number, mask: Float64Array | null, scale: number,
  maxes: Float64Array, sums: Float64Array,
): void {
  for (let n = 0; n < rows; n++) {
    if (mask && mask[n] === 0) continue;
    const off = n * C;
    let mu = -Infinity;
    for (let k = 0; k < C; k++) mu = Math.max(mu, z[off + k]);
    let s = 0;
    for (let k = 0; k < C; k++) {
      const e = Math.exp(z[off + k] - mu);
      out[off + k] = e;
      s += e;
    }
    for (let k = 0; k < C; k++) out[off + k] = out[off + k] / s / scale;
    maxes[n] = mu;
    sums[n] = s;
  }
}

let active: TensorKernels = JS_TENSOR_KERNELS;

/** The kernels in use (installed by the current backend). */
export function tensorKernels(): TensorKernels {
  return active;
}

/** Installs a backend's kernels (called by `setBackend`, not by users). */
export function installTensorKernels(k: TensorKernels): void {
  active = k;
}
