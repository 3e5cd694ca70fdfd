// The GRU sequence kernel's forward (both variants): input products per chunk of steps, per step the recurrent product and the fused gate loop.
import { Tensor } from "../../tensor";
import { sigmoidScalar } from "../../tensor";
import { fastGemm as gemm } from "../products";
import { nativeGruPointwise64, gruGates32 } from "../gates";
import { precision } from "../../tensor/precision";
import { CellParams, CellState, GruCellCache, GruVariant } from "../../cells";
import type { StepCache, UnrollResult } from "../../seq/types";
import { chunkSteps, inputProducts, pinnedStateLoop } from "./sequence-products";
import { callScratch } from "./gru-scratch";

/**
 * The GRU over a whole sequence, the same values as stepping `gruCellForward` (up to round-off).
 * Per chunk of steps one product `G_i = X W_ihᵀ + b_ih` (`[rows, I]·[I, 3H]`; only the input bias: `b_hn` sits inside
 * `r ∗ (·)` in the reset-after candidate). Per step:
 * - `"reset-after"`: `G_h = h_{t−1} W_hhᵀ` (`[B, 3H]`, W_hh pinned in the SIMD kernel's memory), then one fused loop
 *   `r = σ(g_ir + g_hr + b_hr)`, `z = σ(g_iz + g_hz + b_hz)`, `hn = g_hn + b_hn`, `n = tanh(g_in + r ∗ hn)`, `h_t = (1 − z)∗n + z∗h_{t−1}`;
 * - `"classic"`: `G_h = h_{t−1} W_hrzᵀ` (`[B, 2H]`), `r`, `z`, `hn = r ∗ h_{t−1}`, then `hn W_hnᵀ` (`[B, H]`) and
 *   `n = tanh(g_in + hn W_hnᵀ + b_hn)`, `h_t` as above.
 * `r, z, n, hn` of all steps live in `[T, B, H]` buffers, states `h` in `[T + 1, B, H]` (block 0 a copy of state0);
 * caches (`GruCellCache`) and states are views into them. Padded rows (mask 0) keep the previous state and output zeros
 * (their gate values are still computed, as in the per-step path). Inputs are already checked by `unroll`.
 * @param x `[T, B, I]`
 * @param state0 `{h [B, H]}`
 * @param m mask data `[T·B]` or null
 */
export function gruUnrollSequence(
  p: CellParams, x: Tensor, state0: CellState | null, m: Float64Array | null, T: number, B: number, I: number, H: number, variant: GruVariant,
  reuse: StepCache[] | null = null,
): UnrollResult {
  const G3 = 3 * H;
  const BH = B * H;
  const classic = variant === "classic";
  const Gh = classic ? 2 * H : G3;
  const hs = new Float64Array((T + 1) * BH);
  if (state0 !== null) hs.set(state0.h.data);
  // every value of r, z, n, hn is written below (padded rows too), so an earlier run's buffers of the same size can be reused
  const rs = reusedGateBuffer(reuse, "r", T, BH), zs = reusedGateBuffer(reuse, "z", T, BH);
  const ns = reusedGateBuffer(reuse, "n", T, BH), hns = reusedGateBuffer(reuse, "hn", T, BH);
  const chunk = chunkSteps(T, B);
  const gi = callScratch("gi", chunk * B * G3); // the current chunk's input products (every row read is written first)
  const gh = callScratch("gh", B * Gh);
  const hnW = classic ? new Float64Array(BH) : gh; // classic: (r∗h) W_hnᵀ
  const whh = p.weight_hh.data;
  const wrz = classic ? whh.subarray(0, Gh * H) : whh;
  const wn = whh.subarray(2 * H * H);
  const bhh = p.bias_hh.data;
  let t0 = 0;
  // W_hh stays pinned in the SIMD kernel's memory for the whole loop (classic: its r, z rows are copied per step)
  return pinnedStateLoop(whh, hs, m, T, B, H, I, (t, hp) => {
    // G_i = X W_ihᵀ + b_ih for the chunk's steps at once
    if (t % chunk === 0) {
      t0 = t;
      inputProducts(gi, x.data.subarray(t * B * I), p, p.bias_ih.data, 0, Math.min(T, t + chunk) - t, B, G3, I);
    }
    const g = gi.subarray((t - t0) * B * G3, (t - t0 + 1) * B * G3);
    // G_h = h_{t−1} W_hhᵀ (classic: the r, z blocks only)
    gemm(gh, hp, wrz, B, Gh, H, false, true, false);
    const so = t * BH;
    const r = rs.subarray(so, so + BH), z = zs.subarray(so, so + BH), n = ns.subarray(so, so + BH), hn = hns.subarray(so, so + BH);
    const hNew = hs.subarray(so + BH, so + 2 * BH);
    if (classic) gruClassicPointwise(g, gh, hnW, wn, bhh, hp, r, z, n, hn, hNew, B, H);
    else gruResetAfterPointwise(g, gh, bhh, hp, r, z, n, hn, hNew, B, H);
    return hNew;
  }, (t, hPrev): GruCellCache => {
    const so = t * BH;
    const x_t = new Tensor(x.data.subarray(t * B * I, (t + 1) * B * I), [B, I]);
    return { variant, x: x_t, hPrev, r: rs.subarray(so, so + BH), z: zs.subarray(so, so + BH), n: ns.subarray(so, so + BH), hn: hns.subarray(so, so + BH), p };
  });
}

/**
 * The `[T, B, H]` buffer behind field `k` of the GRU caches `reuse` when they came from this kernel with the same sizes (step
 * t's view at offset t·B·H of one buffer), else a new one. The caller overwrites every value.
 */
function reusedGateBuffer(reuse: StepCache[] | null, k: "r" | "z" | "n" | "hn", T: number, BH: number): Float64Array {
  if (reuse !== null && reuse.length === T && T > 0) {
    const first = (reuse[0].cache as Partial<GruCellCache>)[k], last = (reuse[T - 1].cache as Partial<GruCellCache>)[k];
    if (first instanceof Float64Array && last instanceof Float64Array && first.length === BH && last.buffer === first.buffer &&
        last.byteOffset === first.byteOffset + (T - 1) * BH * 8) {
      return new Float64Array(first.buffer, first.byteOffset, T * BH);
    }
  }
  return new Float64Array(T * BH);
}

/** Buffers used only inside one call (never returned or cached), kept for the next call of the same size: a training loop
 * would otherwise allocate and zero megabytes per step. One set per thread (module state); the calls do not nest. */

/**
 * The reset-after step's element-wise part for B rows, one pass: `r = σ(g_ir + (g_hr + b_hr))`, `z = σ(g_iz + (g_hz + b_hz))`,
 * `hn = g_hn + b_hn`, `n = tanh(g_in + r ∗ hn)`, `h' = (1 − z)∗n + z∗h` (the sums in `gruCellForward`'s order).
 * @param g `[B, 3H]` input products with `b_ih`, `gh` `[B, 3H]` `h W_hhᵀ` (no bias); `r, z, n, hn, hNew` `[B, H]` are written
 */
function gruResetAfterPointwise(
  g: Float64Array, gh: Float64Array, bhh: Float64Array, hp: Float64Array,
  r: Float64Array, z: Float64Array, n: Float64Array, hn: Float64Array, hNew: Float64Array, B: number, H: number,
): void {
  // the float32 fast path: the same loop on f32x4 lanes in WebAssembly (float32-accurate σ and tanh)
  if (precision() === "float32" && gruGates32(g, gh, bhh, hp, r, z, n, hn, hNew, B, H)) return;
  // float64: the loop below natively with Math.tanh's and Math.exp's bits (the same results), where the add-on is built
  if (precision() === "float64" && nativeGruPointwise64(g, gh, bhh, hp, r, z, n, hn, hNew, B, H)) return;
  const G3 = 3 * H;
  const sigmoid = sigmoidScalar;
  for (let b = 0; b < B; b++) {
    const gr = b * G3, s = b * H;
    for (let j = 0; j < H; j++) {
      const k = s + j;
      const rk = (r[k] = sigmoid(g[gr + j] + (gh[gr + j] + bhh[j])));
      const zk = (z[k] = sigmoid(g[gr + H + j] + (gh[gr + H + j] + bhh[H + j])));
      const hnk = (hn[k] = gh[gr + 2 * H + j] + bhh[2 * H + j]);
      const nk = (n[k] = Math.tanh(g[gr + 2 * H + j] + rk * hnk));
      hNew[k] = (1 - zk) * nk + zk * hp[k]; // h' = (1 − z)∗n + z∗h
    }
  }
}

/**
 * The classic step's element-wise part and its second product: `r`, `z` as above from `gh [B, 2H]`, `hn = r ∗ h`,
 * `hnW = hn W_hnᵀ`, `n = tanh(g_in + (hnW + b_hn))`, `h' = (1 − z)∗n + z∗h`.
 * @param wn `W_hn [H, H]`; `hnW` `[B, H]` scratch
 */
function gruClassicPointwise(
  g: Float64Array, gh: Float64Array, hnW: Float64Array, wn: Float64Array, bhh: Float64Array, hp: Float64Array,
  r: Float64Array, z: Float64Array, n: Float64Array, hn: Float64Array, hNew: Float64Array, B: number, H: number,
): void {
  const G3 = 3 * H, G2 = 2 * H;
  const sigmoid = sigmoidScalar;
  for (let b = 0; b < B; b++) {
    const gr = b * G3, hr = b * G2, s = b * H;
    for (let j = 0; j < H; j++) {
      const rk = (r[s + j] = sigmoid(g[gr + j] + (gh[hr + j] + bhh[j])));
      z[s + j] = sigmoid(g[gr + H + j] + (gh[hr + H + j] + bhh[H + j]));
      hn[s + j] = rk * hp[s + j];
    }
  }
  gemm(hnW, hn, wn, B, H, H, false, true, false);
  for (let b = 0; b < B; b++) {
    const gr = b * G3, s = b * H;
    for (let j = 0; j < H; j++) {
      const k = s + j;
      const nk = (n[k] = Math.tanh(g[gr + 2 * H + j] + (hnW[k] + bhh[2 * H + j])));
      hNew[k] = (1 - z[k]) * nk + z[k] * hp[k];
    }
  }
}

