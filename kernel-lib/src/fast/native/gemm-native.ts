// The optional native products (kernel-lib/native, a Node-API add-on built by node-gyp at install): the same arithmetic as the
// WebAssembly kernels element for element (bit-identical results), with AVX-512 or AVX2 vectors where the CPU has them.
// Absent add-on (no compiler at install, a browser, RNNLAB_NATIVE=0): gemm runs the WebAssembly kernels, with the same bits.
import { precision } from "../../tensor/precision";
import { checkBoolean, checkOneOf } from "../../args";

/** The add-on's exports (native/addon.c). */
interface NativeAddon {
  gemm(C: Float64Array, A: Float64Array, B: Float64Array, M: number, N: number, K: number,
    transA: number, transB: number, accumulate: number, float32: number, pin: number, threads: number): boolean;
  isa(want?: string): string;
  /** the interface version (native/addon.c): every function this library calls is there when it equals NATIVE_ABI */
  abi: number;
}

/** The add-on interface this library calls (RNNLAB_NATIVE_ABI in native/addon.c). */
const NATIVE_ABI = 4;

declare const require: ((id: string) => unknown) | undefined;

let addon: NativeAddon | null | undefined;
let loadError = "";
let enabled = true;

function load(): NativeAddon | null {
  if (addon !== undefined) return addon;
  addon = null;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env?.RNNLAB_NATIVE === "0") loadError = "disabled by RNNLAB_NATIVE=0";
  else if (typeof require !== "function") loadError = "no require() here (not Node.js)";
  else {
    try {
      // kernel-lib/build/Release from kernel-lib/src/fast/native (tests) and kernel-lib/dist/fast/native (the build) alike
      const a = require("../../../build/Release/rnnlab_native.node") as NativeAddon;
      if (a.abi === NATIVE_ABI) addon = a;
      else loadError = `built from other sources (interface ${a.abi}, this library needs ${NATIVE_ABI}); run "npm run build:native"`;
    } catch (e) {
      loadError = `not built (${(e as Error).message.split("\n")[0]}); run "npm rebuild rnnlab" with a C compiler`;
    }
  }
  return addon;
}

/**
 * Whether large products run natively, and with which vectors: `{ available, enabled, isa, reason }` (`isa` "avx512f",
 * "avx2" or "128-bit"; `reason` says why the add-on is missing). Results are the same bits either way; only speed differs.
 * @example
 * rl.nativeKernels(); // { available: true, enabled: true, isa: "avx512f", reason: "" }
 */
export function nativeKernels(): { available: boolean; enabled: boolean; isa: string; reason: string } {
  const a = load();
  return { available: a !== null, enabled, isa: a === null ? "" : a.isa(), reason: loadError };
}

/**
 * Switches the native products on or off for this process (default on when built), e.g. to compare them with the
 * WebAssembly kernels; `isa` picks narrower vectors than the CPU's widest ("avx2", "128-bit"; the same bits, for tests).
 * Throws when asked to switch on an add-on that is not built.
 * @param on true to use the add-on, false to run the WebAssembly kernels
 * @param isa "avx512f", "avx2" or "128-bit" (kept as is when the CPU lacks it)
 * @returns the vectors in use ("" when off)
 */
export function setNativeKernels(on: boolean, isa?: "avx512f" | "avx2" | "128-bit"): string {
  checkBoolean("setNativeKernels", "on", on);
  if (isa !== undefined) checkOneOf("setNativeKernels", "isa", isa, ["avx512f", "avx2", "128-bit"] as const);
  const a = load();
  if (on && a === null) throw new Error(`setNativeKernels: the native add-on is unavailable: ${loadError}`);
  enabled = on;
  transBNative = null;
  return on && a !== null ? a.isa(isa) : "";
}

/**
 * The add-on's exports, typed as `E` by the caller (the gate-loop wrappers declare the functions they call), when the native
 * kernels are built and enabled; else null (the caller runs its WebAssembly or JS loop, with the same bits).
 */
export function nativeAddon<E>(): E | null {
  return enabled ? (load() as unknown as E | null) : null;
}

/**
 * Whether the add-on runs `A·Bᵀ` products in the current precision: with AVX-512 and AVX2 vectors always (its tiles beat the
 * WebAssembly kernels at every size measured); with 128-bit vectors only in float32, where it runs `A·B`'s tiles on packed
 * panels (AMD EPYC, CPU time, GFLOP/s, native against WebAssembly: [32,512,128] 32 vs 16 packed per call, 38 vs 26 pinned;
 * W3's [64,2048,640] 37 vs 17), while float64's even/odd `A·Bᵀ` runs the same 128-bit arithmetic in WebAssembly at least as
 * fast ([32,512,128] 15.5 native vs 18.0, W3's 15.8 vs 17.3). The same bits either way.
 */
export function nativeRunsTransB(): boolean {
  if (transBNative === null) {
    const a = enabled ? load() : null;
    transBNative = a === null ? "none" : a.isa() !== "128-bit" ? "both" : "float32";
  }
  return transBNative === "both" || (transBNative === "float32" && precision() === "float32");
}
/** {@link nativeRunsTransB}'s answer until {@link setNativeKernels} changes the add-on's state. */
let transBNative: "both" | "float32" | "none" | null = null;

/** True when {@link gemmNative} would run (the add-on is built, loaded and enabled). */
export function nativeGemmActive(): boolean {
  return enabled && load() !== null;
}

/**
 * `C[M,N] (+)= op(A) · op(B)` natively, the contract of `gemmWasm` and the same bits: `A·B` and `Aᵀ·B` sum every element in
 * increasing k; float64 `A·Bᵀ` sums even and odd k apart, then adds them; under `setPrecision("float32")` the whole 4×8 tiles
 * of all three sum float32 operands in float32 in increasing k (colvec32's order) and the ragged edges run the float64 edge loop.
 * @param C `[M, N]`, A `[M, K]` (stored `[K, M]` with `transA`), B `[K, N]` (stored `[N, K]` with `transB`)
 * @param pin 0, or the generation of a pin of `B` (unchanged since then: its converted or transposed copy is reused)
 * @param threads threads for large products (`setGemmThreads`): C's rows are split between them, so the bits do not change
 * @returns false (C untouched) when the add-on is unavailable or declines (`Aᵀ·Bᵀ`)
 */
export function gemmNative(
  C: Float64Array, A: Float64Array, B: Float64Array, M: number, N: number, K: number,
  transA: boolean, transB: boolean, accumulate: boolean, pin: number, threads = 1,
): boolean {
  if (!enabled) return false;
  const a = load();
  if (a === null) return false;
  return a.gemm(C, A, B, M, N, K, transA ? 1 : 0, transB ? 1 : 0, accumulate ? 1 : 0, precision() === "float32" ? 1 : 0, pin, threads);
}
