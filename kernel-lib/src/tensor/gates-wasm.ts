// The float32 fast path of the cells' gate loops (setPrecision("float32")): LSTM, reset-after GRU and tanh-RNN activations in
// WebAssembly f32x4 lanes (kernels lstm32, gru32, tanh32rows of gemm-simd.wat, a polynomial exp), on float64 buffers.
import { wasmScratch } from "./gemm-wasm";

/**
 * The float32 fast path of the LSTM gate loop (`lstmPointwiseForwardAt` under `setPrecision("float32")`): the `lstm32` kernel
 * computes `i, f, g, o = σ, σ, tanh, σ` of `z`, `c' = f∗c + i∗g`, `tanh c'`, `h' = o∗tanh c'` on f32x4 lanes with a polynomial
 * exp (float32-accurate: tested against the float64 loop), reading and writing the float64 buffers at their offsets.
 * Returns false (doing nothing) where SIMD is unavailable or H is not a multiple of 4 (the caller runs its float64 loop).
 * @param z `[B, 4H]` rows from `zo` (overwritten by the activations), `cp` `[B, H]` from `po`, `cNew`/`hNew` from `so`, `tanhC` from `to`
 */
export function wasmLstmPointwise32(
  z: Float64Array, zo: number, cp: Float64Array, po: number, cNew: Float64Array, tanhC: Float64Array, hNew: Float64Array,
  so: number, to: number, B: number, H: number,
): boolean {
  if ((H & 3) !== 0) return false;
  const BH = B * H, BG = 4 * BH;
  const w = wasmScratch(BG + 4 * BH);
  if (w === null) return false;
  const { k, mem } = w;
  const oz = w.base, oc = oz + BG, ocn = oc + BH, otc = ocn + BH, oh = otc + BH;
  if (BH <= 64) {
    // a few values (batch-1 steps): plain loops beat making subarray views
    for (let q = 0; q < BG; q++) mem[oz + q] = z[zo + q];
    for (let q = 0; q < BH; q++) mem[oc + q] = cp[po + q];
    k.lstm32(oz * 8, oc * 8, ocn * 8, otc * 8, oh * 8, B, H);
    for (let q = 0; q < BG; q++) z[zo + q] = mem[oz + q];
    for (let q = 0; q < BH; q++) { cNew[so + q] = mem[ocn + q]; tanhC[to + q] = mem[otc + q]; hNew[so + q] = mem[oh + q]; }
    return true;
  }
  mem.set(z.subarray(zo, zo + BG), oz);
  mem.set(cp.subarray(po, po + BH), oc);
  k.lstm32(oz * 8, oc * 8, ocn * 8, otc * 8, oh * 8, B, H);
  z.set(mem.subarray(oz, oz + BG), zo);
  cNew.set(mem.subarray(ocn, ocn + BH), so);
  tanhC.set(mem.subarray(otc, otc + BH), to);
  hNew.set(mem.subarray(oh, oh + BH), so);
  return true;
}

/**
 * `z ← tanh(z)` in place in float32 lanes (the `tanh32rows` kernel, float32-accurate): the float32 fast path of the vanilla
 * RNN's activation. Returns false (doing nothing) where SIMD is unavailable or `z.length` is not a multiple of 4.
 * @param z any length (a step's `[B, H]` pre-activations)
 */
export function wasmTanh32(z: Float64Array): boolean {
  const n = z.length;
  if ((n & 3) !== 0) return false;
  const w = wasmScratch(n);
  if (w === null) return false;
  const oz = w.base;
  w.mem.set(z, oz);
  w.k.tanh32rows(oz * 8, n);
  z.set(w.mem.subarray(oz, oz + n));
  return true;
}

/**
 * The float32 fast path of the reset-after GRU gate loop (the `gru32` kernel, float32 lanes, float32-accurate):
 * `r = σ(g_r + (gh_r + b_hr))`, `z = σ(g_z + (gh_z + b_hz))`, `hn = gh_n + b_hn`, `n = tanh(g_n + r∗hn)`, `h' = (1 − z)∗n + z∗h`.
 * Returns false (doing nothing) where SIMD is unavailable or H is not a multiple of 4.
 * @param g `[B, 3H]` input products with `b_ih`, `gh` `[B, 3H]`, `bhh` `[3H]`, `hp` `[B, H]`; `r, z, n, hn, hNew` `[B, H]` are written
 */
export function wasmGruPointwise32(
  g: Float64Array, gh: Float64Array, bhh: Float64Array, hp: Float64Array,
  r: Float64Array, z: Float64Array, n: Float64Array, hn: Float64Array, hNew: Float64Array, B: number, H: number,
): boolean {
  if ((H & 3) !== 0) return false;
  const BH = B * H, BG = 3 * BH;
  const out = [r, z, n, hn, hNew];
  const w = wasmScratch(2 * BG + 4 * H + BH + out.length * BH);
  if (w === null) return false;
  const { k, mem } = w;
  const og = w.base, ogh = og + BG, ob = ogh + BG, ohp = ob + 4 * H;
  const oo = ohp + BH;
  mem.set(g.length === BG ? g : g.subarray(0, BG), og);
  mem.set(gh.length === BG ? gh : gh.subarray(0, BG), ogh);
  mem.set(bhh, ob);
  mem.set(hp.length === BH ? hp : hp.subarray(0, BH), ohp);
  k.gru32(og * 8, ogh * 8, ob * 8, ohp * 8, oo * 8, (oo + BH) * 8, (oo + 2 * BH) * 8, (oo + 3 * BH) * 8, (oo + 4 * BH) * 8, B, H);
  out.forEach((a, q) => a.set(mem.subarray(oo + q * BH, oo + (q + 1) * BH)));
  return true;
}
