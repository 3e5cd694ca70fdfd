// The fast backend's rows of a softmax (tensorKernels().softmaxRows, reference softmaxRowsJs in tensor/kernels.ts): the
// native add-on in place, else WebAssembly on a copy, else the JS loop; Math.exp's bits in all three, so the same results.
import { softmaxRowsJs } from "../tensor/kernels";
import { nativeAddon } from "./native/gemm-native";
import { WasmMemory, wasmGrow, wasmOwnInstance } from "./wasm/instance";

/** The add-on's kernel (`native/gates64-tiles.h`, softmax64): false when it declines the arguments. */
interface NativeSoftmax {
  softmax64(z: Float64Array, out: Float64Array, rows: number, C: number, mask: Float64Array | null, scale: number, maxes: Float64Array, sums: Float64Array): boolean;
}

/** The WebAssembly kernel (`wasm/softmax64.wat`) and the memory of its instance. */
interface WasmSoftmax {
  mem: WasmMemory;
  softmax64: (p: number, rows: number, C: number, pm: number, scale: number, pmax: number, psum: number) => void;
}

/** Its own instance (own memory, one thread), like the float64 LSTM kernels': null where WebAssembly SIMD is unavailable. */
let instance: WasmSoftmax | null | undefined;
let view = new Float64Array(0);

/**
 * The rows of a softmax in WebAssembly: z (and the mask) copied in, `softmax64` in place, the unmasked rows, their maxima
 * and sums copied out. Returns false (doing nothing) where WebAssembly SIMD is unavailable or the memory cannot grow.
 * @param z `[rows, C]`; `out` `[rows, C]`; `mask` `[rows]` or null; `maxes`, `sums` `[rows]` (as {@link softmaxRowsJs})
 */
export function wasmSoftmaxRows(
  z: Float64Array, out: Float64Array, rows: number, C: number, mask: Float64Array | null, scale: number,
  maxes: Float64Array, sums: Float64Array,
): boolean {
  if (instance === undefined) instance = wasmOwnInstance<WasmSoftmax>();
  const k = instance;
  if (k === null) return false;
  const n = rows * C;
  // [z: rows·C][mask: rows][maxes: rows][sums: rows] from offset 0 (z is never empty, so a mask never sits at 0: 0 means none)
  const values = n + 3 * rows;
  if (view.length < values) {
    if (!wasmGrow(k.mem, values * 8)) return false;
    view = new Float64Array(k.mem.buffer);
  }
  view.set(z.length === n ? z : z.subarray(0, n), 0);
  if (mask) view.set(mask.subarray(0, rows), n);
  const om = n + rows, os = n + 2 * rows;
  k.softmax64(0, rows, C, mask ? n * 8 : 0, scale, om * 8, os * 8);
  if (!mask) {
    out.set(view.subarray(0, n));
    maxes.set(view.subarray(om, om + rows));
    sums.set(view.subarray(os, os + rows));
    return true;
  }
  for (let r = 0; r < rows; r++) {
    if (mask[r] === 0) continue; // masked rows of out, maxes and sums stay as they were
    out.set(view.subarray(r * C, (r + 1) * C), r * C);
    maxes[r] = view[om + r];
    sums[r] = view[os + r];
  }
  return true;
}

/** {@link softmaxRowsJs}'s contract: the add-on's vectors in place, else WebAssembly, else the JS loop. */
export function fastSoftmaxRows(
  z: Float64Array, out: Float64Array, rows: number, C: number, mask: Float64Array | null, scale: number,
  maxes: Float64Array, sums: Float64Array,
): void {
  if (nativeAddon<NativeSoftmax>()?.softmax64(z, out, rows, C, mask, scale, maxes, sums)) return;
  if (wasmSoftmaxRows(z, out, rows, C, mask, scale, maxes, sums)) return;
  softmaxRowsJs(z, out, rows, C, mask, scale, maxes, sums);
}
