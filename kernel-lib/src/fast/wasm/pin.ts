// Operands kept in the WebAssembly module's memory across calls (at byte 0, before every call's own operands): the W_hh of a
// time loop, pinned once per sequence instead of copied every step, and the rows pin of the batch-1 row kernel.
import { Precision, precision } from "../../tensor/precision";
import { nativeGemmActive, nativeRunsTransB } from "../native/gemm-native";
import { SimdKernels, align16, simdKernels, wasmF64, wasmReserve, wasmToF32, wasmToF32Transposed } from "./instance";

/** The operand kept in wasm memory by {@link wasmPin} (at byte 0), in which precision, and the bytes reserved for it (16-byte aligned). */
let pinned: Float64Array | null = null;
let pinnedAs: Precision = "float64";
let pinnedBytes = 0;
/** For a pin of {@link wasmPinRows}: the pinned matrix's layout `[K, N]` as the row kernel reads it (null for a {@link wasmPin}). */
let pinnedRows: { K: number; N: number } | null = null;
/** For a float32 pin: the shape `[N, K]` it has been transposed for, into the second half of its bytes (null: not yet). */
let transposedAs: { N: number; K: number } | null = null;
/** Counts pins, so the native products can tell a pinned operand they have converted before from a new one. */
let pinGeneration = 0;
let generationOf: Float64Array | null = null;
let generationAs: Precision = "float64";

/**
 * Copies `W` into the module's memory once (in the current precision), so later `gemmWasm` calls whose `B`
 * operand is this very array skip copying it (a time loop multiplies by the same `W_hh` every step). The caller must not
 * change `W` until {@link wasmUnpin}; pinning another array replaces the pin. Does nothing where SIMD is unavailable.
 */
export function wasmPin(W: Float64Array): void {
  wasmUnpin();
  pinGeneration = (pinGeneration % 0x7fffffff) + 1;
  generationOf = W;
  generationAs = precision();
  // the native products keep their own converted copy, keyed by the generation (pins serve A·Bᵀ, which runs here with 128-bit vectors)
  if (nativeGemmActive() && nativeRunsTransB()) return;
  const k = simdKernels();
  if (k === null) return;
  const f32 = precision() === "float32";
  // float32 keeps room for a second copy, W transposed, written when an A·Bᵀ first reads it (wasmPinnedTransposed32)
  const bytes = f32 ? 2 * align16(W.length * 4) : align16(W.length * 8);
  // float32: rounded through the f64 scratch just after the pin, like every float32 operand (toF32)
  if (!wasmReserve(k, bytes + (f32 ? W.length * 8 : 0))) return; // too large to keep: every product copies it
  if (f32) wasmToF32(k, W, 1, W.length, W.length, 0, bytes / 8);
  else wasmF64().set(W, 0);
  pinned = W;
  pinnedAs = precision();
  pinnedBytes = bytes;
}

/**
 * The generation of the current {@link wasmPin} when `B` is the pinned array (the native products reuse their copy of it
 * while the generation stays the same), else 0.
 */
export function wasmPinGeneration(B: Float64Array): number {
  return generationOf === B && generationAs === precision() ? pinGeneration : 0;
}

/** Releases the pin of {@link wasmPin}: every later call copies its operands again. */
export function wasmUnpin(): void {
  generationOf = null;
  pinned = null;
  pinnedBytes = 0;
  pinnedRows = null;
  transposedAs = null;
}

/**
 * For a float32 `A·Bᵀ` whose `B` (stored `[N, K]`) is the float32 pin of {@link wasmPin}: the byte offset of `Bᵀ` `[K, N]` in
 * float32, written the first time it is asked for (through the f64 scratch after the pin, like every float32 operand); −1 when
 * there is no float32 pin.
 */
export function wasmPinnedTransposed32(k: SimdKernels, N: number, K: number): number {
  if (pinned === null || pinnedRows !== null || pinnedAs !== "float32" || pinned.length !== N * K) return -1;
  const at = pinnedBytes / 2;
  if (transposedAs === null || transposedAs.N !== N || transposedAs.K !== K) {
    wasmToF32Transposed(k, pinned, N, K, at / 4, pinnedBytes / 8);
    transposedAs = { N, K };
  }
  return at;
}

/**
 * Pins `W` for {@link wasmRowsPinned}, in float64 whatever the precision: as stored (`W` is `[K, N]`) or, with `transpose`,
 * as `Wᵀ` (`W` is `[N, K]`, the layout of `z = h Wᵀ` with PyTorch's `W[out, in]`). Returns false where SIMD is unavailable
 * or the matrix does not fit (then the caller keeps its JS loop). Same contract as {@link wasmPin} otherwise.
 */
export function wasmPinRows(W: Float64Array, K: number, N: number, transpose: boolean): boolean {
  const k = simdKernels();
  if (k === null || W.length !== K * N) return false;
  wasmUnpin();
  if (!wasmReserve(k, align16(W.length * 8))) return false;
  const mem = wasmF64();
  if (!transpose) mem.set(W, 0);
  else for (let n = 0; n < N; n++) for (let kk = 0; kk < K; kk++) mem[kk * N + n] = W[n * K + kk];
  pinned = W;
  pinnedAs = "float64";
  pinnedBytes = align16(W.length * 8);
  pinnedRows = { K, N };
  return true;
}

/**
 * `C[co + i·N + j] (+)= Σ_k A[ao + i·K + k] · P[k, j]` for `i < M`, where `P [K, N]` is the matrix pinned by
 * {@link wasmPinRows}: small row products (the batch-1 step products `h_{t−1} W_hhᵀ`, `dZ_t W_hh`) in the `rowvec` kernel,
 * f64x2 over columns, each element one sum in increasing k — bit-identical to `gemmNaive` and the JS kernels.
 * Returns false (doing nothing) unless a matching rows pin is active.
 * @param C, A flat data with row offsets `co`, `ao`; `M` rows
 */
export function wasmRowsPinned(C: Float64Array, co: number, A: Float64Array, ao: number, M: number, N: number, K: number, accumulate: boolean): boolean {
  const k = simdKernels();
  if (pinnedRows === null || pinnedRows.K !== K || pinnedRows.N !== N || k === null) return false;
  const offA = pinnedBytes / 8;
  const offC = offA + M * K + ((M * K) & 1);
  if (!wasmReserve(k, (offC + M * N) * 8)) return false;
  const mem = wasmF64();
  for (let q = 0; q < M * K; q++) mem[offA + q] = A[ao + q];
  if (accumulate) for (let q = 0; q < M * N; q++) mem[offC + q] = C[co + q];
  k.rowvec(M, N, K, offA * 8, 0, offC * 8, accumulate ? 1 : 0);
  for (let q = 0; q < M * N; q++) C[co + q] = mem[offC + q];
  return true;
}

/** The current pin as `gemmWasm` reads it: the pinned array (null for none or a rows pin), its precision, and the bytes it takes. */
export function wasmPinned(): { W: Float64Array | null; as: Precision; bytes: number } {
  return { W: pinnedRows === null ? pinned : null, as: pinnedAs, bytes: pinnedBytes };
}

/**
 * The module's kernels and a float64 view of its memory with room for `values` float64 values after the pinned operand
 * (at float64 index `base`), for the float32 gate-loop wrappers of fast/gates.ts; null where SIMD is unavailable or the
 * memory cannot grow that far. The view is valid until the next call into these kernels.
 */
export function wasmScratch(values: number): { k: SimdKernels; mem: Float64Array; base: number } | null {
  const k = simdKernels();
  if (k === null) return null;
  const base = pinnedBytes / 8;
  if (!wasmReserve(k, (base + values) * 8)) return null;
  return { k, mem: wasmF64(), base };
}
