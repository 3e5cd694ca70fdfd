// The native backward gate loops of BPTT (kernel-lib/native/backward.c): the JS loops' arithmetic in C, bit for bit.
// Every wrapper returns false (touching nothing) when the add-on is not built, disabled (`setNativeKernels(false)`) or
// declines; the caller then runs its JS loop, which stays the naive reference (backward-native.test.ts compares them).
import { nativeAddon } from "./gemm-native";
import type { Activation } from "../../tensor/activations";

/** The functions of native/backward.c (argument order and shapes documented there). */
interface BackwardAddon {
  lstmBackwardStep(gates: Float64Array, tanhCs: Float64Array, cPrev: Float64Array, dOut: Float64Array | null, m: Float64Array | null,
    dh: Float64Array, dc: Float64Array, dZ: Float64Array, out: Float64Array, t: number, B: number, H: number, dzo: number): boolean;
  lstmBackwardChunk(whh: Float64Array, gates: Float64Array, tanhCs: Float64Array, cPrev: Float64Array, dOut: Float64Array | null,
    m: Float64Array | null, dh: Float64Array, dc: Float64Array, dZ: Float64Array, dhPrev: Float64Array, norms: Float64Array,
    t0: number, t1: number, T: number, B: number, H: number): boolean;
  gruBackwardStep(r: Float64Array, z: Float64Array, n: Float64Array, hn: Float64Array, hPrev: Float64Array, dOut: Float64Array | null,
    mask: Float64Array | null, dh: Float64Array, dhPrev: Float64Array, dgi: Float64Array, dgh: Float64Array, dan: Float64Array | null,
    out: Float64Array, t: number, B: number, H: number): boolean;
  gruClassicResetBackward(drh: Float64Array, r: Float64Array, hPrev: Float64Array, mask: Float64Array | null, dhPrev: Float64Array,
    dgi: Float64Array, dgh: Float64Array, B: number, H: number): boolean;
  rnnBackwardStep(dOut: Float64Array | null, mask: Float64Array | null, dh: Float64Array, dZ: Float64Array, y: Float64Array,
    out: Float64Array, t: number, B: number, H: number, dzo: number, act: number): boolean;
  carryBackRows(dh: Float64Array, dhPrev: Float64Array, mask: Float64Array, mo: number, B: number, H: number): boolean;
  columnSums(dst: Float64Array, src: Float64Array, N: number, cols: number, stride: number, off: number): boolean;
}

/** The add-on when built (from these sources: gemm-native.ts checks its interface version) and enabled, else null. */
function addon(): BackwardAddon | null {
  return nativeAddon<BackwardAddon>();
}

/** The step results the add-on writes: the norms and whether a row was padded. */
const out = new Float64Array(3);

/** Code of each activation for `rnnBackwardStep`. */
const ACT: Record<Activation, number> = { tanh: 0, relu: 1, sigmoid: 2 };

/**
 * One step of `lstmSequenceBackward`'s gate loop natively (the same bits): `∂L/∂h_t = dh + dOut[t]` (real rows), then
 * `dO = dh∗tanh c`, `dc' = dc + dh∗o∗(1 − tanh²c)`, `∂L/∂c_{t−1} = dc'∗f`, `dZ_t = [dc'g∗i(1−i) | dc'c_{t−1}∗f(1−f) |
 * dc'i∗(1−g²) | dO∗o(1−o)]`; padded rows pass `dh`, `dc` on. Writes `normsH[t] = ‖∂L/∂h_t‖`, `normsC[t] = ‖dc'‖`.
 * @param gates `[T, B, 4H]`, `tanhCs`, `cPrev`, `dOut` `[T, B, H]` (null = none), `m` `[T·B]` mask or null
 * @param dh `[B, H]`, `dc` `[B, H]` updated in place; `dZ` step t's `[B, 4H]` rows written from offset `dzo`
 * @returns -1 when it did not run (run the JS loop), else 1 when a row of step t is padded, 0 when none is
 */
export function nativeLstmBackwardStep(
  gates: Float64Array, tanhCs: Float64Array, cPrev: Float64Array, dOut: Float64Array | null, m: Float64Array | null,
  dh: Float64Array, dc: Float64Array, dZ: Float64Array, normsH: number[], normsC: number[], t: number, B: number, H: number, dzo: number,
): number {
  const a = addon();
  if (a === null || !a.lstmBackwardStep(gates, tanhCs, cPrev, dOut, m, dh, dc, dZ, out, t, B, H, dzo)) return -1;
  normsH[t] = out[0];
  normsC[t] = out[1];
  return out[2];
}

/**
 * `lstmSequenceBackward`'s per-step loop for small batches natively, in place, one call per chunk of `chunk` steps walking
 * from the last: per step {@link nativeLstmBackwardStep}'s gate backward into the chunk's `dZ` rows `(t − t0)·B`, then
 * `∂L/∂h_{t−1} = dZ_t W_hh` (each element one sum in increasing k, the row kernel the per-step path runs for small
 * batches), padded rows passing `∂L/∂h` through; after each chunk `onChunk(t0, t1)` (its weight-gradient products). The
 * same bits as the per-step path and as WebAssembly's `lstmbwd64` (`lstmBackwardTimeLoop64`, which tries this first).
 * Writes `normsH[t] = ‖∂L/∂h_t‖`, `normsC[t] = ‖dc'‖`.
 * @param whh `[4H, H]`; `gates` `[T, B, 4H]`, `tanhCs`, `cPrev`, `dOut` `[T, B, H]` (null = none), `m` `[T·B]` or null
 * @param dh, dc `[B, H]` ∂L/∂h_T, ∂L/∂c_T on entry, ∂L/∂h_0, ∂L/∂c_0 on exit; `dZ` at least `[chunk·B, 4H]`
 * @returns false when the add-on is not built or declines the sizes (nothing was run): run WebAssembly's loop or the per-step one
 */
export function nativeLstmBackwardChunks(
  whh: Float64Array, gates: Float64Array, tanhCs: Float64Array, cPrev: Float64Array, dOut: Float64Array | null, m: Float64Array | null,
  dh: Float64Array, dc: Float64Array, normsH: number[], normsC: number[], dZ: Float64Array, T: number, B: number, H: number, chunk: number,
  onChunk: (t0: number, t1: number) => void,
): boolean {
  const a = addon();
  if (a === null) return false;
  const dhPrev = new Float64Array(B * H), norms = new Float64Array(2 * T);
  for (let t1 = T; t1 > 0; t1 -= chunk) {
    const t0 = Math.max(0, t1 - chunk);
    if (m !== null) dZ.fill(0, 0, (t1 - t0) * B * 4 * H); // padded rows are not written: they must read zero
    if (!a.lstmBackwardChunk(whh, gates, tanhCs, cPrev, dOut, m, dh, dc, dZ, dhPrev, norms, t0, t1, T, B, H)) {
      // the sizes are checked against the first chunk's (the largest t1): a later chunk cannot be declined
      if (t1 === T) return false;
      throw new Error(`nativeLstmBackwardChunks: the add-on declined steps [${t0}, ${t1}) after running later ones`);
    }
    for (let t = t0; t < t1; t++) {
      normsH[t] = norms[t];
      normsC[t] = norms[T + t];
    }
    onChunk(t0, t1);
  }
  return true;
}

/**
 * One step of `gruBpttSequence`'s gate loop natively (the same bits): `∂L/∂h_t = dh + dOut[t]` (real rows),
 * `dhPrev = dh∗z`, `da_n = dh(1 − z)∗(1 − n²)` into `dgi`'s n block, `da_z = dh(h − n)∗z(1 − z)` into both z blocks;
 * reset-after (`dan` null) also `dgh`'s n block `da_n∗r` and both r blocks `(da_n∗hn)∗r(1 − r)`; classic `dan = da_n`.
 * Padded rows (mask 0) pass `dh` on. Writes `normsH[t] = ‖∂L/∂h_t‖`.
 * @param r, z, n, hn, hPrev step t's `[B, H]`; `dOut` `[T, B, H]` or null; `mask` `[B]` or null
 * @param dh `[B, H]` updated; `dhPrev` `[B, H]`, `dgi` `[B, 3H]`, `dgh` `[B, Gh]`, `dan` `[B, H]` (classic) written at real rows
 * @returns false when it did not run (run the JS loop)
 */
export function nativeGruBackwardStep(
  r: Float64Array, z: Float64Array, n: Float64Array, hn: Float64Array, hPrev: Float64Array, dOut: Float64Array | null,
  mask: Float64Array | null, dh: Float64Array, dhPrev: Float64Array, dgi: Float64Array, dgh: Float64Array, dan: Float64Array | null,
  normsH: number[], t: number, B: number, H: number,
): boolean {
  const a = addon();
  if (a === null || !a.gruBackwardStep(r, z, n, hn, hPrev, dOut, mask, dh, dhPrev, dgi, dgh, dan, out, t, B, H)) return false;
  normsH[t] = out[0];
  return true;
}

/**
 * Classic GRU's reset-gate backward natively (the same bits), real rows only: `dhPrev += d(r∗h)∗r`, both r blocks
 * `(d(r∗h)∗h)∗r(1 − r)` of `dgi` `[B, 3H]` and `dgh` `[B, 2H]`.
 * @param drh `[B, H]` `d(r∗h) = da_n W_hn`; `r`, `hPrev`, `dhPrev` `[B, H]`; `mask` `[B]` or null
 * @returns false when it did not run (run the JS loop)
 */
export function nativeGruClassicResetBackward(
  drh: Float64Array, r: Float64Array, hPrev: Float64Array, mask: Float64Array | null, dhPrev: Float64Array,
  dgi: Float64Array, dgh: Float64Array, B: number, H: number,
): boolean {
  const a = addon();
  return a !== null && a.gruClassicResetBackward(drh, r, hPrev, mask, dhPrev, dgi, dgh, B, H);
}

/**
 * One step of `rnnBpttSequence`'s loops natively (the same bits): `∂L/∂h_t = dh + dOut[t]` (real rows),
 * `normsH[t] = ‖∂L/∂h_t‖`, `dz = ∂L/∂h_t ∗ φ'(y)` (as `activationBackward`), zero at padded rows.
 * @param dOut `[T, B, H]` or null; `mask` `[B]` or null; `dh` `[B, H]` updated; `y` `[B, H]` the step's cached output
 * @param dZ step t's `[B, H]` rows written from offset `dzo`
 * @returns false when it did not run (run the JS loops)
 */
export function nativeRnnBackwardStep(
  dOut: Float64Array | null, mask: Float64Array | null, dh: Float64Array, dZ: Float64Array, y: Float64Array, normsH: number[],
  t: number, B: number, H: number, dzo: number, act: Activation,
): boolean {
  const a = addon();
  if (a === null || !a.rnnBackwardStep(dOut, mask, dh, dZ, y, out, t, B, H, dzo, ACT[act])) return false;
  normsH[t] = out[0];
  return true;
}

/**
 * `carryBack` natively: rows b of `dh [B, H]` with `mask[mo + b] ≠ 0` take `dhPrev`'s (padded rows keep theirs).
 * @returns false when it did not run (run the JS loop)
 */
export function nativeCarryBackRows(dh: Float64Array, dhPrev: Float64Array, mask: Float64Array, mo: number, B: number, H: number): boolean {
  const a = addon();
  return a !== null && a.carryBackRows(dh, dhPrev, mask, mo, B, H);
}

/**
 * Bias-gradient column sums natively: `dst[j] += Σ_r src[r·stride + off + j]` for `j < cols`, each column summed over
 * r = 0 … N−1 in order (the JS loops' order, the same bits).
 * @param dst `[cols]`, `src` `[N, stride]`
 * @returns false when it did not run (run the JS loop)
 */
export function nativeColumnSums(dst: Float64Array, src: Float64Array, N: number, cols: number, stride: number, off: number): boolean {
  const a = addon();
  return a !== null && a.columnSums(dst, src, N, cols, stride, off);
}
