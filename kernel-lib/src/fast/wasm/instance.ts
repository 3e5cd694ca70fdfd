// The WebAssembly SIMD module behind the fast products and gate loops: instantiation (on a shared memory when threads can use
// it), its memory and a float64 view of it, and the float64 → float32 operand conversion into it.
import { GEMM_SIMD_SHARED_WASM_BASE64, GEMM_SIMD_WASM_BASE64 } from "./wasm-gemm-bytes";
import { ThreadedKernels, gemmThreadsReady } from "./gemm-threads";

/** The few WebAssembly APIs used here (the library compiles without the DOM typings that declare them). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}
export interface WasmMemory { buffer: ArrayBufferLike; grow(pages: number): number }

/** The kernels the products and float32 gate loops call (exports of `gemm-tiles*.wat`, `gemm-rows.wat`, `gates32.wat`). */
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

/** `bytes` rounded up to a multiple of 16 (the alignment of every operand in the memory). */
export const align16 = (bytes: number): number => (bytes + 15) & ~15;

/** The float64 view of the module's memory as of the last {@link wasmReserve} (read it after reserving; growing renews it). */
export function wasmF64(): Float64Array {
  return f64;
}

function decode(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The instantiated kernels, or null where WebAssembly SIMD is unavailable (then the products and gate loops here decline).
 * Preferably on a shared memory (so helper threads can run the same kernels on it), else on the module's own memory.
 */
export function simdKernels(): SimdKernels | null {
  if (kernels !== undefined) return kernels;
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  try {
    const bytes = decode(GEMM_SIMD_SHARED_WASM_BASE64);
    const memory = new wasm.Memory({ initial: 1, maximum: 16384, shared: true });
    const e = new wasm.Instance(new wasm.Module(bytes), { env: { mem: memory } }).exports as Pick<SimdKernels, "colvec" | "dotvec" | "colvec32" | "f32rows" | "rowvec" | "lstm32" | "tanh32rows" | "gru32">;
    kernels = { mem: memory, colvec: e.colvec, dotvec: e.dotvec, colvec32: e.colvec32, f32rows: e.f32rows, rowvec: e.rowvec, lstm32: e.lstm32, tanh32rows: e.tanh32rows, gru32: e.gru32, shared: { bytes, memory } };
    return kernels;
  } catch {
    // no shared memory here: the same kernels on their own memory, one thread
  }
  const e = wasmOwnInstance<SimdKernels>();
  kernels = e === null ? null
    : { mem: e.mem, colvec: e.colvec, dotvec: e.dotvec, colvec32: e.colvec32, f32rows: e.f32rows, rowvec: e.rowvec, lstm32: e.lstm32, tanh32rows: e.tanh32rows, gru32: e.gru32, shared: null };
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
  const k = simdKernels();
  return k === null ? 1 : gemmThreadsReady(k);
}

/** True when the WebAssembly SIMD kernels loaded (Node ≥ 16 and current browsers). */
export function wasmGemmAvailable(): boolean {
  return simdKernels() !== null;
}

/** Ensures the memory holds `bytes` bytes (grown in 64 KiB pages; {@link wasmF64} then views all of it); false when it cannot grow that far. */
export function wasmReserve(k: SimdKernels, bytes: number): boolean {
  if (f64.length * 8 >= bytes) return true;
  if (!wasmGrow(k.mem, bytes)) return false; // beyond the memory's maximum: the caller falls back to JS
  f64 = new Float64Array(k.mem.buffer);
  return true;
}

/**
 * Rounds `rows` rows of `n` values of `src` to float32 into wasm memory at f32 index `dst`, with row stride `np ≥ n` (zero padding):
 * a plain copy to the f64 scratch at `scratch` (f64 index), then the SIMD kernel `f32rows` (a typed-array conversion costs ≈ 4× more).
 */
export function wasmToF32(k: SimdKernels, src: Float64Array, rows: number, n: number, np: number, dst: number, scratch: number): void {
  f64.set(src.length === rows * n ? src : src.subarray(0, rows * n), scratch);
  k.f32rows(scratch * 8, dst * 4, rows, n, np);
}

/**
 * `srcᵀ` rounded to float32 into wasm memory at f32 index `dst`: `src` `[R, C]` row-major becomes `[C, R]`, transposed in the
 * copy to the f64 scratch at `scratch` (f64 index), then rounded by `f32rows` like {@link wasmToF32}.
 */
export function wasmToF32Transposed(k: SimdKernels, src: Float64Array, R: number, C: number, dst: number, scratch: number): void {
  // four columns of src at a time into four rows of the scratch (measured 0.8 ns a value in V8, against 1.4 for one column
  // at a time and 4.7 for one row at a time)
  const to = f64;
  let c = 0;
  for (; c + 4 <= C; c += 4) {
    for (let r = 0, o = scratch + c * R; r < R; r++, o++) {
      const i = r * C + c;
      to[o] = src[i];
      to[o + R] = src[i + 1];
      to[o + 2 * R] = src[i + 2];
      to[o + 3 * R] = src[i + 3];
    }
  }
  for (; c < C; c++) for (let r = 0, o = scratch + c * R; r < R; r++) to[o + r] = src[r * C + c];
  k.f32rows(scratch * 8, dst * 4, 1, R * C, R * C);
}
