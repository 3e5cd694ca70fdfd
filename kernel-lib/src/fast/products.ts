// The fast backend's products: the native add-on, else WebAssembly SIMD, else the plain JS loop (every one the same
// element-wise order, so the same bits), and the native finite-value scan.
import { gemmStrided } from "../tensor/gemm-js";
import { JS_TENSOR_KERNELS, TensorKernels } from "../tensor/kernels";
import { gemmWasm } from "./wasm/gemm-wasm";
import { wasmPinGeneration } from "./wasm/pin";
import { gemmNative, nativeAddon, nativeRunsTransB } from "./native/gemm-native";
import { gemmThreads } from "./wasm/gemm-threads";
import { fastSoftmaxRows } from "./softmax-rows";

/** Products with at least this many multiply-adds (M·N·K) go to the SIMD kernels; smaller ones stay in JS. */
export const GEMM_WASM_MIN_WORK = 8192;

/** Whether {@link fastGemm} sends an `[M,K]·[K,N]` product to the SIMD kernels (native or WebAssembly), not the JS loop. */
export function simdSized(M: number, N: number, K: number): boolean {
  return M >= 2 && N >= 4 && M * N * K >= GEMM_WASM_MIN_WORK;
}

/**
 * `C[M,N] (+)= op(A) · op(B)`, the contract of `gemmNaive`. Products of at least {@link GEMM_WASM_MIN_WORK} multiply-adds
 * (and M ≥ 2, N ≥ 4) run natively ({@link gemmNative}) or in WebAssembly SIMD ({@link gemmWasm}), one-row products of as many
 * natively; the rest, and any case they decline, in the register-blocked JS loop `gemmStrided` with that transpose case's
 * strides.
 */
export function fastGemm(
  C: Float64Array, A: Float64Array, B: Float64Array, M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean,
): void {
  if (simdSized(M, N, K)) {
    // A·Bᵀ stays in WebAssembly where the add-on has only 128-bit vectors (no faster there)
    if ((!transB || nativeRunsTransB()) && gemmNative(C, A, B, M, N, K, transA, transB, accumulate, wasmPinGeneration(B), gemmThreads())) return;
    if (gemmWasm(C, A, B, M, N, K, transA, transB, accumulate)) return;
  } else if (M === 1 && N * K >= GEMM_WASM_MIN_WORK) {
    // one row (a decoder step of one sentence): the add-on sums each element in increasing k like the JS loop, with
    // several columns in flight; WebAssembly's tiles need two rows or more
    if (gemmNative(C, A, B, M, N, K, transA, transB, accumulate, wasmPinGeneration(B), 1)) return;
  }
  gemmStrided(C, A, B, M, N, K, transA ? 1 : K, transA ? M : 1, transB ? K : 1, transB ? 1 : N, accumulate);
}

/** What the native add-on's scans look like (`native/scan.c`); an add-on built before `firstOutside` lacks it. */
type NativeScans = { firstNonFinite(x: Float64Array): number; firstOutside?(x: Float64Array, limit: number): number };

/** The fast backend's tensor kernels: {@link fastGemm}, the native scans for the input checks and the rows of a softmax (native, WebAssembly, else the JS ones). */
export const FAST_TENSOR_KERNELS: TensorKernels = {
  gemm: fastGemm,
  // the add-on answers −2 when it cannot read the array (an empty one has no buffer): the JS scan answers then
  firstNonFinite(d) {
    const a = nativeAddon<NativeScans>();
    const r = a !== null ? a.firstNonFinite(d) : -2;
    return r >= -1 ? r : JS_TENSOR_KERNELS.firstNonFinite(d);
  },
  firstOutside(d, limit) {
    const a = nativeAddon<NativeScans>();
    const r = a?.firstOutside !== undefined ? a.firstOutside(d, limit) : -2;
    return r >= -1 ? r : JS_TENSOR_KERNELS.firstOutside(d, limit);
  },
  // the exponentials on vectors with Math.exp's bits (the sum stays one chain in increasing k): softmax-rows.ts
  softmaxRows: fastSoftmaxRows,
};
