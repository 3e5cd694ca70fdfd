// The WebAssembly SIMD (f64x2) gemm for larger products: operands are copied into the module's memory, whole tiles run in gemm-simd.wat
// (spread over helper threads by gemm-threads.ts when the memory is shared), edges in JS.
import { GEMM_SIMD_SHARED_WASM_BASE64, GEMM_SIMD_WASM_BASE64 } from "./wasm-gemm-bytes";
import { gemmEdge } from "./gemm-js";
import { ThreadedKernels, colvecThreaded, dotvecThreaded, gemmThreadsReady } from "./gemm-threads";

/** The few WebAssembly APIs used here (the library compiles without the DOM typings that declare them). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}
interface WasmMemory { buffer: ArrayBufferLike; grow(pages: number): number }

interface SimdKernels extends ThreadedKernels {
  mem: WasmMemory;
}

let kernels: SimdKernels | null | undefined;
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
    const e = new wasm.Instance(new wasm.Module(bytes), { env: { mem: memory } }).exports as Pick<SimdKernels, "colvec" | "dotvec">;
    kernels = { mem: memory, colvec: e.colvec, dotvec: e.dotvec, shared: { bytes, memory } };
    return kernels;
  } catch {
    // no shared memory here: the same kernels on their own memory, one thread
  }
  try {
    const inst = new wasm.Instance(new wasm.Module(decode(GEMM_SIMD_WASM_BASE64)), {});
    const e = inst.exports as SimdKernels;
    kernels = { mem: e.mem, colvec: e.colvec, dotvec: e.dotvec, shared: null };
  } catch {
    kernels = null;
  }
  return kernels;
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

/** A float64 view of the module's memory holding at least `n` values (grown in 64 KiB pages). */
function view(k: SimdKernels, n: number): Float64Array | null {
  const need = n * 8;
  if (f64.length * 8 >= need) return f64;
  try {
    if (k.mem.buffer.byteLength < need) k.mem.grow(Math.ceil((need - k.mem.buffer.byteLength) / 65536));
  } catch {
    return null; // beyond the memory's maximum: the caller falls back to JS
  }
  f64 = new Float64Array(k.mem.buffer);
  return f64;
}

/** The operand kept in wasm memory by {@link wasmPin} (at offset 0), or null. */
let pinned: Float64Array | null = null;
/** Values reserved for the pinned operand (rounded up to even for 16-byte alignment). */
let pinnedLen = 0;

/**
 * Copies `W` into the module's memory once, so later {@link gemmWasm} calls whose `B` operand is this very array
 * skip copying it (a time loop multiplies by the same `W_hh` every step). The caller must not change `W` until
 * {@link wasmUnpin}; pinning another array replaces the pin. Does nothing where SIMD is unavailable.
 */
export function wasmPin(W: Float64Array): void {
  const k = simd();
  if (k === null) return;
  pinned = null;
  pinnedLen = 0;
  const mem = view(k, W.length + 1);
  if (mem === null) return; // too large to keep: every product copies it
  mem.set(W, 0);
  pinned = W;
  pinnedLen = W.length + (W.length & 1);
}

/** Releases the pin of {@link wasmPin}: every later call copies its operands again. */
export function wasmUnpin(): void {
  pinned = null;
  pinnedLen = 0;
}

/**
 * `C[M,N] (+)= op(A) · op(B)` with WebAssembly SIMD, same contract as `gemm`/`gemmNaive`, for the three
 * cases the cells use: `A·B` and `Aᵀ·B` run the column-vectorised 4×4 kernel (each element sums in
 * increasing k, so bit-identical to `gemmNaive`); `A·Bᵀ` runs the k-vectorised 2×4 kernel (even and odd k in
 * two lanes, then added: deterministic, within rounding of the naive sum). Ragged rows and columns go
 * through the JS edge loop. Returns false (doing nothing) for `Aᵀ·Bᵀ` or when SIMD is unavailable.
 * @param C `[M, N]`, A `[M, K]` (stored `[K, M]` with `transA`), B `[K, N]` (stored `[N, K]` with `transB`)
 */
export function gemmWasm(
  C: Float64Array, A: Float64Array, B: Float64Array, M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean,
): boolean {
  if (transA && transB) return false;
  const k = simd();
  if (k === null) return false;
  const nA = M * K;
  const nB = K * N;
  const nC = M * N;
  // the pinned operand (if any) stays at offset 0; this call's operands go after it
  const usePin = pinned !== null && B === pinned && B.length === nB;
  const offA = pinnedLen;
  const offB = usePin ? 0 : offA + nA + (nA & 1);
  const offC = (usePin ? offA + nA + (nA & 1) : offB + nB + (nB & 1));
  const mem = view(k, offC + nC);
  if (mem === null) return false;
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
    dotvecThreaded(k, M, N, K, offA * 8, offB * 8, offC * 8, accumulate ? 1 : 0);
  } else {
    Mt = M - (M & 3);
    colvecThreaded(k, M, N, K, offA * 8, ars, aks, offB * 8, offC * 8, accumulate ? 1 : 0);
  }
  if (Mt > 0 && Nt > 0) C.set(mem.subarray(offC, offC + nC));
  // ragged edges: the last columns of the tiled rows, then the last rows
  if (Nt < N) gemmEdge(C, A, B, 0, Mt, Nt, N, N, K, ars, aks, bcs, bks, accumulate);
  if (Mt < M) gemmEdge(C, A, B, Mt, M, 0, N, N, K, ars, aks, bcs, bks, accumulate);
  return true;
}
