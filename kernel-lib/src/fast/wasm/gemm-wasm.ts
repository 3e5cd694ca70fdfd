// The WebAssembly SIMD gemm for larger products (f64x2, or f32x4 under setPrecision("float32")): operands are copied into the module's
// memory, whole tiles run in gemm-tiles.wat or gemm-tiles32.wat (spread over helper threads by gemm-threads.ts when the memory is shared), edges in JS.
import { GEMM_SIMD_SHARED_WASM_BASE64, GEMM_SIMD_WASM_BASE64 } from "./wasm-gemm-bytes";
import { gemmEdge } from "../../tensor/gemm-js";
import { Precision, precision } from "../../tensor/precision";
import { ThreadedKernels, colvecThreaded, dotvecThreaded, gemmThreadsReady } from "./gemm-threads";
import { nativeGemmActive, nativeRunsTransB } from "../native/gemm-native";

/** The few WebAssembly APIs used here (the library compiles without the DOM typings that declare them). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}
export interface WasmMemory { buffer: ArrayBufferLike; grow(pages: number): number }

export interface SimdKernels extends ThreadedKernels {
  mem: WasmMemory;
  rowvec: (M: number, N: number, K: number, pa: number, pb: number, pc: number, acc: number) => void;
  lstm32: (pz: number, pc: number, pcn: number, ptc: number, ph: number, B: number, H: number) => void;
  tanh32rows: (pz: number, n: number) => void;
  gru32: (pg: number, pgh: number, pb: number, php: number, pr: number, pz: number, pn: number, phn: number, ph: number, B: number, H: number) => void;
}

let kernels: SimdKernels | null | undefined;
/** A float64 view of the module's memory (renewed when it grows). */
let f64 = new Float64Array(0);

function decode(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The instantiated kernels, or null where WebAssembly SIMD is unavailable (then {@link gemmWasm} declines).
 * Preferably on a shared memory (so helper threads can run the same kernels on it), else on the module's own memory.
 */
function simd(): SimdKernels | null {
  if (kernels !== undefined) return kernels;
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  try {
    const bytes = decode(GEMM_SIMD_SHARED_WASM_BASE64);
    const memory = new wasm.Memory({ initial: 1, maximum: 16384, shared: true });
    const e = new wasm.Instance(new wasm.Module(bytes), { env: { mem: memory } }).exports as Pick<SimdKernels, "colvec" | "dotvec" | "colvec32" | "dotvec32" | "f32rows" | "rowvec" | "lstm32" | "tanh32rows" | "gru32">;
    kernels = { mem: memory, colvec: e.colvec, dotvec: e.dotvec, colvec32: e.colvec32, dotvec32: e.dotvec32, f32rows: e.f32rows, rowvec: e.rowvec, lstm32: e.lstm32, tanh32rows: e.tanh32rows, gru32: e.gru32, shared: { bytes, memory } };
    return kernels;
  } catch {
    // no shared memory here: the same kernels on their own memory, one thread
  }
  const e = wasmOwnInstance<SimdKernels>();
  kernels = e === null ? null
    : { mem: e.mem, colvec: e.colvec, dotvec: e.dotvec, colvec32: e.colvec32, dotvec32: e.dotvec32, f32rows: e.f32rows, rowvec: e.rowvec, lstm32: e.lstm32, tanh32rows: e.tanh32rows, gru32: e.gru32, shared: null };
  return kernels;
}

/**
 * A new instance of the kernels on a memory of its own (not shared, exported as `mem`): its exports typed as `E`, or null
 * where WebAssembly SIMD is unavailable. The fallback of this file's kernels, and the float64 LSTM kernels' own instance.
 */
export function wasmOwnInstance<E extends { mem: WasmMemory }>(): E | null {
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  try {
    return new wasm.Instance(new wasm.Module(decode(GEMM_SIMD_WASM_BASE64)), {}).exports as E;
  } catch {
    return null;
  }
}

/** Grows `mem` (in 64 KiB pages) until it holds `bytes` bytes; false when it cannot grow that far (beyond its maximum). */
export function wasmGrow(mem: WasmMemory, bytes: number): boolean {
  try {
    if (mem.buffer.byteLength < bytes) mem.grow(Math.ceil((bytes - mem.buffer.byteLength) / 65536));
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the number of threads large products will use once the helper threads have started (1 without SIMD or shared memory). */
export async function wasmGemmThreadsReady(): Promise<number> {
  const k = simd();
  return k === null ? 1 : gemmThreadsReady(k);
}

/** True when the WebAssembly SIMD kernels loaded (Node ≥ 16 and current browsers). */
export function wasmGemmAvailable(): boolean {
  return simd() !== null;
}

/** Ensures the memory holds `bytes` bytes (grown in 64 KiB pages); false when it cannot grow that far. */
function reserve(k: SimdKernels, bytes: number): boolean {
  if (f64.length * 8 >= bytes) return true;
  if (!wasmGrow(k.mem, bytes)) return false; // beyond the memory's maximum: the caller falls back to JS
  f64 = new Float64Array(k.mem.buffer);
  return true;
}

/** The operand kept in wasm memory by {@link wasmPin} (at byte 0), in which precision, and the bytes reserved for it (16-byte aligned). */
let pinned: Float64Array | null = null;
let pinnedAs: Precision = "float64";
let pinnedBytes = 0;
/** For a pin of {@link wasmPinRows}: the pinned matrix's layout `[K, N]` as the row kernel reads it (null for a {@link wasmPin}). */
let pinnedRows: { K: number; N: number } | null = null;
/** Counts pins, so the native products can tell a pinned operand they have converted before from a new one. */
let pinGeneration = 0;
let generationOf: Float64Array | null = null;
let generationAs: Precision = "float64";

const align16 = (bytes: number): number => (bytes + 15) & ~15;

/**
 * Copies `W` into the module's memory once (in the current precision), so later {@link gemmWasm} calls whose `B`
 * operand is this very array skip copying it (a time loop multiplies by the same `W_hh` every step). The caller must not
 * change `W` until {@link wasmUnpin}; pinning another array replaces the pin. Does nothing where SIMD is unavailable.
 */
export function wasmPin(W: Float64Array): void {
  wasmUnpin();
  pinGeneration = (pinGeneration % 0x7fffffff) + 1;
  generationOf = W;
  generationAs = precision();
  // the native products keep their own converted copy, keyed by the generation (a large A·Bᵀ runs here unless the add-on runs AVX-512)
  if (nativeGemmActive() && nativeRunsTransB(W.length, 1)) return;
  const k = simd();
  if (k === null) return;
  const f32 = precision() === "float32";
  const bytes = align16(W.length * (f32 ? 4 : 8));
  // float32: rounded through the f64 scratch just after the pin, like every float32 operand (toF32)
  if (!reserve(k, bytes + (f32 ? W.length * 8 : 0))) return; // too large to keep: every product copies it
  if (f32) toF32(k, W, 1, W.length, W.length, 0, bytes / 8);
  else f64.set(W, 0);
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
}

/**
 * Pins `W` for {@link wasmRowsPinned}, in float64 whatever the precision: as stored (`W` is `[K, N]`) or, with `transpose`,
 * as `Wᵀ` (`W` is `[N, K]`, the layout of `z = h Wᵀ` with PyTorch's `W[out, in]`). Returns false where SIMD is unavailable
 * or the matrix does not fit (then the caller keeps its JS loop). Same contract as {@link wasmPin} otherwise.
 */
export function wasmPinRows(W: Float64Array, K: number, N: number, transpose: boolean): boolean {
  const k = simd();
  if (k === null || W.length !== K * N) return false;
  wasmUnpin();
  if (!reserve(k, align16(W.length * 8))) return false;
  if (!transpose) f64.set(W, 0);
  else for (let n = 0; n < N; n++) for (let kk = 0; kk < K; kk++) f64[kk * N + n] = W[n * K + kk];
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
  if (pinnedRows === null || pinnedRows.K !== K || pinnedRows.N !== N || kernels == null) return false;
  const offA = pinnedBytes / 8;
  const offC = offA + M * K + ((M * K) & 1);
  if (!reserve(kernels, (offC + M * N) * 8)) return false;
  const mem = f64;
  for (let q = 0; q < M * K; q++) mem[offA + q] = A[ao + q];
  if (accumulate) for (let q = 0; q < M * N; q++) mem[offC + q] = C[co + q];
  kernels.rowvec(M, N, K, offA * 8, 0, offC * 8, accumulate ? 1 : 0);
  for (let q = 0; q < M * N; q++) C[co + q] = mem[offC + q];
  return true;
}

/**
 * `C[M,N] (+)= op(A) · op(B)` with WebAssembly SIMD, same contract as `gemm`/`gemmNaive`, for the three
 * cases the cells use: `A·B` and `Aᵀ·B` run the column-vectorised 4×4 kernel (each element sums in
 * increasing k, so bit-identical to `gemmNaive`); `A·Bᵀ` runs the k-vectorised 2×4 kernel (even and odd k in
 * two lanes, then added: deterministic, within rounding of the naive sum). Ragged rows and columns go
 * through the JS edge loop. With precision `"float32"` (`setPrecision`) the tiles run the float32
 * kernels instead. Returns false (doing nothing) for `Aᵀ·Bᵀ` or when SIMD is unavailable.
 * @param C `[M, N]`, A `[M, K]` (stored `[K, M]` with `transA`), B `[K, N]` (stored `[N, K]` with `transB`)
 */
export function gemmWasm(
  C: Float64Array, A: Float64Array, B: Float64Array, M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean,
): boolean {
  if (transA && transB) return false;
  const k = simd();
  if (k === null) return false;
  if (precision() === "float32") return gemmWasm32(k, C, A, B, M, N, K, transA, transB, accumulate);
  const nA = M * K;
  const nB = K * N;
  const nC = M * N;
  // the pinned operand (if any) stays at offset 0; this call's operands go after it
  const usePin = pinned !== null && pinnedRows === null && pinnedAs === "float64" && B === pinned && B.length === nB;
  const offA = pinnedBytes / 8;
  const offB = usePin ? 0 : offA + nA + (nA & 1);
  const offC = (usePin ? offA + nA + (nA & 1) : offB + nB + (nB & 1));
  if (!reserve(k, (offC + nC) * 8)) return false;
  const mem = f64;
  mem.set(A.length === nA ? A : A.subarray(0, nA), offA);
  if (!usePin) mem.set(B.length === nB ? B : B.subarray(0, nB), offB);
  if (accumulate) mem.set(C.length === nC ? C : C.subarray(0, nC), offC);
  const ars = transA ? 1 : K;
  const aks = transA ? M : 1;
  const bcs = transB ? K : 1;
  const bks = transB ? 1 : N;
  let Mt: number;
  const Nt = N - (N & 3);
  if (transB) {
    Mt = M - (M & 1);
    dotvecThreaded(k, false, M, N, K, offA * 8, offB * 8, offC * 8, accumulate ? 1 : 0);
  } else {
    Mt = M - (M & 3);
    colvecThreaded(k, false, M, N, K, offA * 8, ars, aks, offB * 8, offC * 8, accumulate ? 1 : 0);
  }
  if (Mt > 0 && Nt > 0) C.set(mem.subarray(offC, offC + nC));
  // ragged edges: the last columns of the tiled rows, then the last rows
  if (Nt < N) gemmEdge(C, A, B, 0, Mt, Nt, N, N, K, ars, aks, bcs, bks, accumulate);
  if (Mt < M) gemmEdge(C, A, B, Mt, M, 0, N, N, K, ars, aks, bcs, bks, accumulate);
  return true;
}

/**
 * Rounds `rows` rows of `n` values of `src` to float32 into wasm memory at f32 index `dst`, with row stride `np ≥ n` (zero padding):
 * a plain copy to the f64 scratch at `scratch` (f64 index), then the SIMD kernel `f32rows` (a typed-array conversion costs ≈ 4× more).
 */
function toF32(k: SimdKernels, src: Float64Array, rows: number, n: number, np: number, dst: number, scratch: number): void {
  f64.set(src.length === rows * n ? src : src.subarray(0, rows * n), scratch);
  k.f32rows(scratch * 8, dst * 4, rows, n, np);
}

/**
 * The float32 path of {@link gemmWasm}: operands rounded to float32 in wasm memory (for `A·Bᵀ` rows zero-padded to a multiple
 * of 4 values), the whole tiles computed by `colvec32` (4×8) or `dotvec32` (2×4), each result widened to float64 and stored or
 * ADDED into the float64 `C` (copied in and out like the float64 path); the ragged edges run the float64 JS loop on the original operands.
 */
function gemmWasm32(
  k: SimdKernels, C: Float64Array, A: Float64Array, B: Float64Array, M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean,
): boolean {
  const Kp = transB ? (K + 3) & ~3 : K; // the padded row length of A and B for dotvec32
  const nA = transB ? M * Kp : M * K;
  const nB = transB ? N * Kp : K * N;
  const nC = M * N;
  const usePin = pinned !== null && pinnedRows === null && pinnedAs === "float32" && B === pinned && B.length === K * N && Kp === K;
  // bytes: [pin][A f32][B f32 unless pinned][C f64][scratch f64 for the conversions]
  const byA = pinnedBytes;
  const byB = byA + align16(nA * 4);
  const byC = usePin ? byB : byB + align16(nB * 4);
  const byS = byC + align16(nC * 8);
  if (!reserve(k, byS + 8 * Math.max(M * K, usePin ? 0 : K * N))) return false;
  const scratch = byS / 8;
  // A: [M, K] rows (padded to Kp for dotvec32) or stored [K, M]; B: stored [N, K] rows (padded) or [K, N]
  if (transB) toF32(k, A, M, K, Kp, byA / 4, scratch);
  else toF32(k, A, 1, M * K, M * K, byA / 4, scratch);
  if (!usePin) {
    if (transB) toF32(k, B, N, K, Kp, byB / 4, scratch);
    else toF32(k, B, 1, K * N, K * N, byB / 4, scratch);
  }
  if (accumulate) f64.set(C.length === nC ? C : C.subarray(0, nC), byC / 8);
  const ars = transA ? 1 : K;
  const aks = transA ? M : 1;
  let Mt: number, Nt: number;
  if (transB) {
    Mt = M - (M & 1);
    Nt = N - (N & 3);
    dotvecThreaded(k, true, M, N, Kp, byA, usePin ? 0 : byB, byC, accumulate ? 1 : 0);
  } else {
    Mt = M - (M & 3);
    Nt = N - (N & 7);
    colvecThreaded(k, true, M, N, K, byA, ars, aks, usePin ? 0 : byB, byC, accumulate ? 1 : 0);
  }
  if (Mt > 0 && Nt > 0) C.set(f64.subarray(byC / 8, byC / 8 + nC));
  const bcs = transB ? K : 1;
  const bks = transB ? 1 : N;
  if (Nt < N) gemmEdge(C, A, B, 0, Mt, Nt, N, N, K, ars, aks, bcs, bks, accumulate);
  if (Mt < M) gemmEdge(C, A, B, Mt, M, 0, N, N, K, ars, aks, bcs, bks, accumulate);
  return true;
}

/**
 * The module's kernels and a float64 view of its memory with room for `values` float64 values after the pinned operand
 * (at float64 index `base`), for the float32 gate-loop wrappers of fast/gates.ts; null where SIMD is unavailable or the
 * memory cannot grow that far. The view is valid until the next call into this file.
 */
export function wasmScratch(values: number): { k: SimdKernels; mem: Float64Array; base: number } | null {
  const k = simd();
  if (k === null) return null;
  const base = pinnedBytes / 8;
  if (!reserve(k, (base + values) * 8)) return null;
  return { k, mem: f64, base };
}
