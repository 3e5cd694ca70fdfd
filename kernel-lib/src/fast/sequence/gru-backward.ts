// The GRU sequence kernel's backward (both variants): per step the fused gate backward, per chunk of steps the weight-gradient products.
import { Tensor } from "../../tensor";
import { fastGemm as gemm } from "../products";
import { wasmPin, wasmUnpin } from "../wasm/pin";
import { CellParams, GruCellCache } from "../../cells";
import type { StepCache } from "../../seq/types";
import { nativeGruBackwardStep, nativeGruClassicResetBackward } from "../native/backward-native";
import { carryBack, chunkSteps, columnSums, stepRows } from "./sequence-products";
import { callScratch } from "./gru-scratch";

/** Per-step views the weight-gradient products read: `x_t [B, I]`, `h_{t−1} [B, H]`, and `hn` (classic: `r ∗ h_{t−1}`). */
interface GruSteps {
  xs: Float64Array[];
  hps: Float64Array[];
  hns: Float64Array[];
}

/**
 * The backward of `G_i = X W_ihᵀ + b_ih` and of the hidden-side products over steps `[t0, t1)`, one product each:
 * `dW_ih += dG_iᵀ X`, `db_ih += Σ dG_i`, `dx[t0 … t1) = dG_i W_ih`; `dW_hh[0 : Gh] += dG_hᵀ H_prev`, `db_hh[0 : Gh] += Σ dG_h`;
 * classic also `dW_hn += dA_nᵀ (R ∗ H_prev)`, `db_hn += Σ dA_n`. (The input-side and hidden-side gradients differ:
 * reset-after's hidden n block is `da_n ∗ r`, so `weightGradProducts`' one-dZ form does not fit.)
 * @param dGI `[N, 3H]`, `dGH` `[N, Gh]`, `dAN` `[N, H]` (classic) with `N = (t1 − t0)·B`
 */
function gruWeightGradProducts(
  dGI: Float64Array, dGH: Float64Array, dAN: Float64Array | null, steps: GruSteps, t0: number, t1: number,
  p: CellParams, grads: CellParams, dx: Float64Array, B: number, I: number, H: number, Gh: number,
): void {
  const N = (t1 - t0) * B;
  const G3 = 3 * H;
  const gi = dGI.subarray(0, N * G3), gh = dGH.subarray(0, N * Gh);
  const xs = stepRows(steps.xs, t0, t1, B * I);
  const hps = stepRows(steps.hps, t0, t1, B * H);
  gemm(grads.weight_ih.data, gi, xs, G3, I, N, true, false, true);
  gemm(dx.subarray(t0 * B * I, t1 * B * I), gi, p.weight_ih.data, N, I, G3, false, false, false);
  gemm(grads.weight_hh.data.subarray(0, Gh * H), gh, hps, Gh, H, N, true, false, true);
  if (dAN !== null) gemm(grads.weight_hh.data.subarray(2 * H * H), dAN.subarray(0, N * H), stepRows(steps.hns, t0, t1, B * H), H, H, N, true, false, true);
  // biases: the r, z blocks of dG_h equal those of dG_i, and classic's da_n is dG_i's n block, so
  // db_hh = db_ih except reset-after's n block (Σ da_n ∗ r)
  const dbi = grads.bias_ih.data, dbh = grads.bias_hh.data;
  const nh = dAN === null ? H : 0;
  const si = new Float64Array(G3), sh = new Float64Array(nh);
  columnSums(si, gi, N, G3, G3, 0);
  if (nh > 0) columnSums(sh, gh, N, nh, Gh, 2 * H);
  for (let j = 0; j < G3; j++) {
    dbi[j] += si[j];
    dbh[j] += j < 2 * H || nh === 0 ? si[j] : sh[j - 2 * H];
  }
}

/**
 * One step of {@link gruBpttSequence}'s gate loop in JS (the fallback of the native loop and its naive reference, the same
 * bits): `∂L/∂h_t = dh + dOut[t]` (real rows), `dhPrev = dh∗z`, `da_n = dh(1 − z)∗(1 − n²)` into `dgi`'s n block,
 * `da_z = dh(h − n)∗z(1 − z)` into both z blocks; reset-after (`dan` null) also `dgh`'s n block `da_n∗r` and both r blocks
 * `(da_n∗hn)∗r(1 − r)`; classic `dan = da_n`. Padded rows (mask 0) pass `dh` on. Writes `normsH[t] = ‖∂L/∂h_t‖`.
 * @param r, z, n, hn, hp step t's `[B, H]`; `dOut` `[T, B, H]` or null; `mask` `[B]` or null
 * @param dh `[B, H]` updated; `dhPrev` `[B, H]`, `dgi` `[B, 3H]`, `dgh` `[B, Gh]`, `dan` `[B, H]` (classic) written at real rows
 */
export function gruGateBackwardStep(
  r: Float64Array, z: Float64Array, n: Float64Array, hn: Float64Array, hp: Float64Array, dOut: Float64Array | null,
  mask: Float64Array | null, dh: Float64Array, dhPrev: Float64Array, dgi: Float64Array, dgh: Float64Array, dan: Float64Array | null,
  normsH: number[], t: number, B: number, H: number,
): void {
  const G3 = 3 * H;
  const BH = B * H;
  const Gh = dan !== null ? 2 * H : G3;
  let sh = 0;
  for (let b = 0; b < B; b++) {
    const pad = mask !== null && mask[b] === 0;
    const gr = b * G3, hr = b * Gh, s = b * H;
    const oo = t * BH + s;
    for (let j = 0; j < H; j++) {
      const k = s + j;
      // ∂L/∂h_t = ∂L/∂outputs[t] (real rows) + the gradient carried back from step t+1
      const dhk = pad || dOut === null ? dh[k] : (dh[k] += dOut[oo + j]);
      sh += dhk * dhk;
      if (pad) continue; // the state was copied: no gradient into the cell, ∂L/∂h passes through
      const zk = z[k], nk = n[k];
      // h' = (1 − z)∗n + z∗h
      const dN = dhk * (1 - zk);
      const dZ = dhk * (hp[k] - nk);
      dhPrev[k] = dhk * zk;
      // n = tanh(a_n)
      const da = dN * (1 - nk * nk);
      dgi[gr + 2 * H + j] = da;
      const daz = dZ * zk * (1 - zk);
      dgi[gr + H + j] = daz;
      dgh[hr + H + j] = daz;
      if (dan !== null) dan[k] = da;
      else {
        // a_n = g_in + r ∗ hn
        const rk = r[k];
        const dR = da * hn[k];
        dgh[hr + 2 * H + j] = da * rk;
        dgi[gr + j] = dgh[hr + j] = dR * rk * (1 - rk);
      }
    }
  }
  normsH[t] = Math.sqrt(sh);
}

/**
 * Classic GRU's reset-gate backward in JS (the fallback of the native loop and its naive reference, the same bits), real
 * rows only: `dhPrev += d(r∗h)∗r`, both r blocks `(d(r∗h)∗h)∗r(1 − r)` of `dgi` `[B, 3H]` and `dgh` `[B, 2H]`.
 * @param drh `[B, H]` `d(r∗h) = da_n W_hn`; `r`, `hp`, `dhPrev` `[B, H]`; `mask` `[B]` or null
 */
export function gruClassicResetBackward(
  drh: Float64Array, r: Float64Array, hp: Float64Array, mask: Float64Array | null, dhPrev: Float64Array,
  dgi: Float64Array, dgh: Float64Array, B: number, H: number,
): void {
  const G3 = 3 * H, Gh = 2 * H;
  for (let b = 0; b < B; b++) {
    if (mask !== null && mask[b] === 0) continue;
    const gr = b * G3, hr = b * Gh, s = b * H;
    for (let j = 0; j < H; j++) {
      const k = s + j;
      const rk = r[k];
      dhPrev[k] += drh[k] * rk;
      const dR = drh[k] * hp[k];
      dgi[gr + j] = dgh[hr + j] = dR * rk * (1 - rk);
    }
  }
}

/**
 * BPTT for GRU caches (either variant), the same values as stepping `gruCellBackward` (up to round-off). Walking
 * t = T−1 … 0, per step only: `∂L/∂h_t = dOutputs[t] + carried`, the fused gate backward (labelled as in
 * `gruCellBackward`: `dn = dh ∗ (1 − z)`, `dz = dh ∗ (h − n)`, `da_n = dn ∗ (1 − n²)`, reset-after `dr = da_n ∗ hn`,
 * classic `d(r∗h) = da_n W_hn`, `dr = d(r∗h) ∗ h`) into `dG_i [B, 3H] = [da_r | da_z | da_n]` and the hidden-side
 * `dG_h` (reset-after `[da_r | da_z | da_n ∗ r]`, classic `[da_r | da_z]` and `da_n`), and
 * `∂L/∂h_{t−1} = dh ∗ z (+ d(r∗h) ∗ r) + dG_h W_hh`. The weight gradients and `dx` are one product per chunk of steps.
 * Padded rows get no gradient (zero rows) and pass `∂L/∂h` straight through.
 * @param caches GRU step caches of one variant (from {@link gruUnrollSequence} or the generic unroll), checked by `bptt`
 * @param dOut `[T·B·H]` ∂L/∂outputs data or null
 * @param dh `[B, H]` ∂L/∂h_T on entry, ∂L/∂h_0 on exit
 * @returns `dx [T, B, I]`
 */
export function gruBpttSequence(
  caches: StepCache[], dOut: Float64Array | null, dh: Float64Array, grads: CellParams, normsH: number[],
  T: number, B: number, I: number, H: number,
): Tensor {
  const G3 = 3 * H;
  const BH = B * H;
  const cs = caches.map((c) => c.cache as GruCellCache);
  const { p, variant } = cs[0];
  const classic = variant === "classic";
  const Gh = classic ? 2 * H : G3;
  const whh = p.weight_hh.data;
  const wrz = classic ? whh.subarray(0, Gh * H) : whh;
  const wn = whh.subarray(2 * H * H);
  const chunk = chunkSteps(T, B);
  // kept between calls: without a mask every row is written before it is read; with one, padded rows must read zero
  const masked = caches.some((c) => c.mask !== null);
  const dGI = callScratch("dGI", chunk * B * G3, masked);
  const dGH = callScratch("dGH", chunk * B * Gh, masked);
  const dAN = classic ? callScratch("dAN", chunk * BH, masked) : null;
  const drh = classic ? new Float64Array(BH) : null;
  const dhPrev = new Float64Array(BH);
  const dx = new Float64Array(T * B * I);
  const steps: GruSteps = { xs: cs.map((c) => c.x.data), hps: cs.map((c) => c.hPrev.data), hns: cs.map((c) => c.hn) };
  let t1 = T; // the chunk is steps [t0, t1), gradient row block (t − t0)
  let t0 = Math.max(0, T - chunk);
  wasmPin(whh);
  try {
    for (let t = T - 1; t >= 0; t--) {
      const mask = caches[t].mask;
      const { r, z, n, hn, hPrev } = cs[t];
      const hp = hPrev.data;
      const dgi = dGI.subarray((t - t0) * B * G3, (t - t0 + 1) * B * G3);
      const dgh = dGH.subarray((t - t0) * B * Gh, (t - t0 + 1) * B * Gh);
      const dan = dAN !== null ? dAN.subarray((t - t0) * BH, (t - t0 + 1) * BH) : null;
      // the gate backward into dG_i, dG_h (and classic's da_n), natively when the add-on is built (the same bits), else in JS
      if (!nativeGruBackwardStep(r, z, n, hn, hp, dOut, mask, dh, dhPrev, dgi, dgh, dan, normsH, t, B, H)) {
        gruGateBackwardStep(r, z, n, hn, hp, dOut, mask, dh, dhPrev, dgi, dgh, dan, normsH, t, B, H);
      }
      if (dan !== null && drh !== null) {
        // a_n = g_in + (r∗h) W_hnᵀ + b_hn: d(r∗h) = da_n W_hn (zero at padded rows)
        gemm(drh, dan, wn, B, H, H, false, false, false);
        if (!nativeGruClassicResetBackward(drh, r, hp, mask, dhPrev, dgi, dgh, B, H)) gruClassicResetBackward(drh, r, hp, mask, dhPrev, dgi, dgh, B, H);
      }
      // ∂L/∂h_{t−1} += dG_h W_hh (real rows); padded rows carry ∂L/∂h_t unchanged
      gemm(dhPrev, dgh, wrz, B, H, Gh, false, false, true);
      carryBack(dh, dhPrev, mask, B, H);
      if (t === t0) {
        gruWeightGradProducts(dGI, dGH, dAN, steps, t0, t1, p, grads, dx, B, I, H, Gh);
        if (masked) { // padded rows of the next chunk must read zero (unmasked, every row is rewritten)
          dGI.fill(0);
          dGH.fill(0);
          if (dAN !== null) dAN.fill(0);
        }
        t1 = t0;
        t0 = Math.max(0, t0 - chunk);
      }
    }
  } finally {
    wasmUnpin();
  }
  return new Tensor(dx, [T, B, I]);
}
