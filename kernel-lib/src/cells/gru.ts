// The GRU cell (gates r, z, n in PyTorch's order) in both formulations, forward and hand-derived backward side by side.
import { Tensor, gemm, sigmoidScalar } from "../tensor";
import { CellParams, GruVariant, addBiasRows, cellSizes, checkStepInputs, sumRowsInto, checkCache } from "./types";
import { describe } from "../args";

/** What {@link gruCellForward} keeps for the backward pass. */
export interface GruCellCache {
  variant: GruVariant;
  x: Tensor;          // [B, I]
  hPrev: Tensor;      // [B, H]
  r: Float64Array;    // [B, H] reset gate
  z: Float64Array;    // [B, H] update gate
  n: Float64Array;    // [B, H] candidate
  hn: Float64Array;   // [B, H] reset-after: h W_hnᵀ + b_hn; classic: r ∗ h
  p: CellParams;
}

/** Throws unless `variant` is "reset-after" or "classic". */
export function checkGruVariant(fn: string, variant: string): GruVariant {
  if (variant !== "reset-after" && variant !== "classic") {
    throw new Error(`${fn}: variant must be "reset-after" or "classic", got ${describe(variant)}`);
  }
  return variant;
}

/**
 * One GRU step, `r = σ(x W_irᵀ + b_ir + h W_hrᵀ + b_hr)`, `z = σ(x W_izᵀ + b_iz + h W_hzᵀ + b_hz)`,
 * `h' = (1 − z) ∗ n + z ∗ h`, with the candidate
 * - `"reset-after"` (PyTorch, cuDNN): `n = tanh(x W_inᵀ + b_in + r ∗ (h W_hnᵀ + b_hn))`
 * - `"classic"` (Cho et al. 2014): `n = tanh(x W_inᵀ + b_in + (r ∗ h) W_hnᵀ + b_hn)`.
 * (`z` is `1 − u` of the notebooks' u-form `a_t = (1 − u) ∗ a_{t−1} + u ∗ ã_t`.)
 * @param x `[B, I]`
 * @param h `[B, H]` previous hidden state
 * @param p `weight_ih [3H, I]`, `weight_hh [3H, H]`, `bias_ih [3H]`, `bias_hh [3H]`
 * @param variant `"reset-after"` (default) or `"classic"`
 * @returns `h [B, H]` and the cache for {@link gruCellBackward}
 */
export function gruCellForward(x: Tensor, h: Tensor, p: CellParams, variant: GruVariant = "reset-after"): { h: Tensor; cache: GruCellCache } {
  const fn = "gruCellForward";
  checkGruVariant(fn, variant);
  const { H, I } = cellSizes(fn, p, 3);
  const B = checkStepInputs(fn, x, h, I, H);
  const G3 = 3 * H;
  const hp = h.data;
  // gi = x W_ihᵀ + b_ih: all three input blocks in one product
  const gi = new Float64Array(B * G3);
  gemm(gi, x.data, p.weight_ih.data, B, G3, I, false, true, false);
  addBiasRows(gi, p.bias_ih.data, B, G3);
  // gh = h W_hhᵀ + b_hh: all three blocks (reset-after) or only r, z (classic: n needs r first)
  const Gh = variant === "reset-after" ? G3 : 2 * H;
  const gh = new Float64Array(B * Gh);
  gemm(gh, hp, p.weight_hh.data.subarray(0, Gh * H), B, Gh, H, false, true, false);
  addBiasRows(gh, p.bias_hh.data.subarray(0, Gh), B, Gh);
  const r = new Float64Array(B * H);
  const z = new Float64Array(B * H);
  const sigmoid = sigmoidScalar; // a local: no re-export getter per element
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < H; j++) {
      r[b * H + j] = sigmoid(gi[b * G3 + j] + gh[b * Gh + j]);
      z[b * H + j] = sigmoid(gi[b * G3 + H + j] + gh[b * Gh + H + j]);
    }
  }
  // hn: reset-after keeps h W_hnᵀ + b_hn (its block of gh); classic keeps r ∗ h and multiplies it by W_hn
  const hn = new Float64Array(B * H);
  let hnW: Float64Array;
  if (variant === "reset-after") {
    for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) hn[b * H + j] = gh[b * G3 + 2 * H + j];
    hnW = hn;
  } else {
    for (let k = 0; k < hn.length; k++) hn[k] = r[k] * hp[k];
    hnW = new Float64Array(B * H);
    gemm(hnW, hn, p.weight_hh.data.subarray(2 * H * H), B, H, H, false, true, false);
    addBiasRows(hnW, p.bias_hh.data.subarray(2 * H), B, H);
  }
  const n = new Float64Array(B * H);
  const hNew = new Float64Array(B * H);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < H; j++) {
      const k = b * H + j;
      const pre = gi[b * G3 + 2 * H + j] + (variant === "reset-after" ? r[k] * hnW[k] : hnW[k]);
      const nk = (n[k] = Math.tanh(pre));
      hNew[k] = (1 - z[k]) * nk + z[k] * hp[k];   // h' = (1 − z)∗n + z∗h
    }
  }
  return { h: new Tensor(hNew, [B, H]), cache: { variant, x, hPrev: h, r, z, n, hn, p } };
}

/**
 * The backward pass of {@link gruCellForward}, in reverse order of the forward:
 * `dn = dh' ∗ (1 − z)`, `dz = dh' ∗ (h − n)`, direct `dh = dh' ∗ z`; `da_n = dn ∗ (1 − n²)`;
 * reset-after: `d(h W_hnᵀ + b_hn) = da_n ∗ r`, `dr = da_n ∗ (h W_hnᵀ + b_hn)`;
 * classic: `d(r∗h) = da_n W_hn`, `dr = d(r∗h) ∗ h`, `dh += d(r∗h) ∗ r`;
 * `da_r = dr·r(1−r)`, `da_z = dz·z(1−z)`; then the weight, bias and input products.
 * @param dh `[B, H]` ∂L/∂h'
 * @param cache from {@link gruCellForward}
 * @param grads gradients of the parameters, ADDED into
 * @returns `dx [B, I]`, `dh [B, H]` = ∂L/∂h (previous state)
 */
export function gruCellBackward(dh: Tensor, cache: GruCellCache, grads: CellParams): { dx: Tensor; dh: Tensor } {
  const fn = "gruCellBackward";
  checkCache(fn, cache, "gruCellForward");
  const { variant, x, hPrev, r, z, n, hn, p } = cache;
  const [B, H] = hPrev.shape;
  const I = x.shape[1];
  const G3 = 3 * H;
  cellSizes(fn, grads, 3);
  checkStepInputs(fn, x, dh, I, H);
  const hp = hPrev.data;
  const dhd = dh.data;
  const dhPrev = new Float64Array(B * H);
  // dgi: gradient of x W_ihᵀ + b_ih, blocks [da_r | da_z | da_n]
  const dgi = new Float64Array(B * G3);
  // dgh: gradient of the h-side products: reset-after [da_r | da_z | da_n ∗ r] (one block of 3H);
  // classic [da_r | da_z] (2H), with da_n for the separate (r∗h) W_hnᵀ product
  const Gh = variant === "reset-after" ? G3 : 2 * H;
  const dgh = new Float64Array(B * Gh);
  const dan = new Float64Array(B * H);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < H; j++) {
      const k = b * H + j;
      // h' = (1 − z)∗n + z∗h
      const dN = dhd[k] * (1 - z[k]);
      const dZ = dhd[k] * (hp[k] - n[k]);
      dhPrev[k] = dhd[k] * z[k];
      // n = tanh(a_n)
      dan[k] = dN * (1 - n[k] * n[k]);
      dgi[b * G3 + 2 * H + j] = dan[k];
      dgi[b * G3 + H + j] = dZ * z[k] * (1 - z[k]);
      dgh[b * Gh + H + j] = dgi[b * G3 + H + j];
      if (variant === "reset-after") {
        // a_n = gi_n + r ∗ hn
        const dR = dan[k] * hn[k];
        dgh[b * Gh + 2 * H + j] = dan[k] * r[k];
        dgi[b * G3 + j] = dgh[b * Gh + j] = dR * r[k] * (1 - r[k]);
      }
    }
  }
  if (variant === "classic") {
    // a_n = gi_n + (r∗h) W_hnᵀ + b_hn
    gemm(grads.weight_hh.data.subarray(2 * H * H), dan, hn, H, H, B, true, false, true);
    sumRowsInto(grads.bias_hh.data.subarray(2 * H), dan, B, H);
    const drh = new Float64Array(B * H);
    gemm(drh, dan, p.weight_hh.data.subarray(2 * H * H), B, H, H, false, false, false);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const k = b * H + j;
        dhPrev[k] += drh[k] * r[k];
        const dR = drh[k] * hp[k];
        dgi[b * G3 + j] = dgh[b * Gh + j] = dR * r[k] * (1 - r[k]);
      }
    }
  }
  // the h-side product h W_hhᵀ (+ b_hh) over its Gh rows
  gemm(grads.weight_hh.data.subarray(0, Gh * H), dgh, hp, Gh, H, B, true, false, true);
  sumRowsInto(grads.bias_hh.data.subarray(0, Gh), dgh, B, Gh);
  gemm(dhPrev, dgh, p.weight_hh.data.subarray(0, Gh * H), B, H, Gh, false, false, true);
  // the x-side product x W_ihᵀ + b_ih
  gemm(grads.weight_ih.data, dgi, x.data, G3, I, B, true, false, true);
  sumRowsInto(grads.bias_ih.data, dgi, B, G3);
  const dx = new Float64Array(B * I);
  gemm(dx, dgi, p.weight_ih.data, B, I, G3, false, false, false);
  return { dx: new Tensor(dx, [B, I]), dh: new Tensor(dhPrev, [B, H]) };
}
