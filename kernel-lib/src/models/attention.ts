// Luong's global attention ("general" score) with its attentional hidden state: forward and hand-derived backward side by side.
import { Tensor, checkFiniteFor32, checkShape, fmtShape, gemm, precision } from "../tensor";
import { argError, checkObject } from "../args";

/**
 * Legend: Td decoder steps, Ts source steps, B batch, H hidden units.
 * Parameters: `Wa [H, H]` (score), `Wc [H, 2H]`, `bc [H]` (attentional hidden state), PyTorch's `Linear` layout.
 */
export interface AttentionParams {
  Wa: Tensor;
  Wc: Tensor;
  bc: Tensor;
}

/** What the forward keeps for the backward (every tensor as computed, nothing recomputed). */
export interface AttentionCache {
  S: Tensor;
  Henc: Tensor;
  mask: Float64Array | null;
  /** `G[j, b] = Wa h_{j,b}`, `[Ts, B, H]`. */
  G: Float64Array;
  alpha: Float64Array;
  /** `[c_t; s_t]` per row, `[Td·B, 2H]`. */
  cs: Float64Array;
  /** tanh output `[Td, B, H]`. */
  hTilde: Float64Array;
  p: AttentionParams;
}

/**
 * Global attention over the encoder states (Luong, Pham & Manning 2015, "general" score), for every decoder step:
 * - score `e_{t,j} = s_tᵀ W_a h_j`, masked to the real source steps;
 * - weights `α_{t,·} = softmax_j(e_{t,·})` (the alignment);
 * - context `c_t = Σ_j α_{t,j} h_j`;
 * - attentional hidden state `h̃_t = tanh(W_c [c_t; s_t] + b_c)`, which the output layer reads.
 * The decoder states `s_t` do not read `h̃` (no input feeding), so the decoder runs as one sequence before this.
 * @param S decoder states `[Td, B, H]`
 * @param Henc encoder outputs `[Ts, B, H]`
 * @param srcMask `[Ts, B]` 0/1 (null = all real); every column needs a real step
 * @returns `{ hTilde [Td, B, H], alpha [Td, B, Ts], context [Td, B, H], cache }`
 */
export function attentionForward(S: Tensor, Henc: Tensor, srcMask: Tensor | null | undefined, p: AttentionParams): { hTilde: Tensor; alpha: Tensor; context: Tensor; cache: AttentionCache } {
  const fn = "attentionForward";
  if (!(S instanceof Tensor) || S.rank !== 3) throw new Error(`${fn}: S must be [Td, B, H], got ${S instanceof Tensor ? fmtShape(S.shape) : typeof S}`);
  const [Td, B, H] = S.shape;
  if (!(Henc instanceof Tensor) || Henc.rank !== 3 || Henc.shape[1] !== B || Henc.shape[2] !== H) {
    throw new Error(`${fn}: Henc must be [Ts, B, H] with B = ${B}, H = ${H}, got ${Henc instanceof Tensor ? fmtShape(Henc.shape) : typeof Henc}`);
  }
  const Ts = Henc.shape[0];
  checkObject(fn, "p", p, "{ Wa, Wc, bc } of Tensors");
  checkShape(fn, "Wa", p.Wa, [H, H], "H, H");
  checkShape(fn, "Wc", p.Wc, [H, 2 * H], "H, 2H");
  checkShape(fn, "bc", p.bc, [H], "H");
  if (precision() === "float32") for (const k of ["Wa", "Wc", "bc"] as const) checkFiniteFor32(fn, k, p[k]);
  const masked = srcMask !== null && srcMask !== undefined;
  if (masked) checkShape(fn, "srcMask", srcMask, [Ts, B], "Ts, B");
  const m = masked ? srcMask.data : null;
  const h = Henc.data, s = S.data, Wa = p.Wa.data, Wc = p.Wc.data, bc = p.bc.data;
  // G[j, b, :] = Wa h[j, b, :]: one product [Ts·B, H] · Waᵀ
  const G = new Float64Array(Ts * B * H);
  gemm(G, h, Wa, Ts * B, H, H, false, true);
  const alpha = new Float64Array(Td * B * Ts);
  const cs = new Float64Array(Td * B * 2 * H);
  const e = new Float64Array(Ts);
  for (let t = 0; t < Td; t++) {
    for (let b = 0; b < B; b++) {
      const so = (t * B + b) * H, co = (t * B + b) * 2 * H;
      let max = -Infinity;
      for (let j = 0; j < Ts; j++) {
        if (m && m[j * B + b] === 0) continue;
        let acc = 0;
        for (let k = 0; k < H; k++) acc += s[so + k] * G[(j * B + b) * H + k];
        e[j] = acc;
        if (acc > max) max = acc;
      }
      if (max === -Infinity) throw new Error(`${fn}: source column ${b} has no real step (srcMask is all 0)`);
      let z = 0;
      const ao = (t * B + b) * Ts;
      for (let j = 0; j < Ts; j++) {
        const a = m && m[j * B + b] === 0 ? 0 : Math.exp(e[j] - max);
        alpha[ao + j] = a;
        z += a;
      }
      for (let j = 0; j < Ts; j++) alpha[ao + j] /= z;
      // [c_t; s_t] with c_t = Σ_j α_j h_j
      for (let j = 0; j < Ts; j++) {
        const a = alpha[ao + j];
        if (a === 0) continue;
        for (let k = 0; k < H; k++) cs[co + k] += a * h[(j * B + b) * H + k];
      }
      cs.set(s.subarray(so, so + H), co + H);
    }
  }
  // h̃ = tanh([c; s] W_cᵀ + b_c): one product [Td·B, 2H] · W_cᵀ
  const hTilde = new Float64Array(Td * B * H);
  gemm(hTilde, cs, Wc, Td * B, H, 2 * H, false, true);
  for (let r = 0; r < Td * B; r++) for (let i = 0; i < H; i++) hTilde[r * H + i] = Math.tanh(hTilde[r * H + i] + bc[i]);
  const context = new Float64Array(Td * B * H);
  for (let r = 0; r < Td * B; r++) context.set(cs.subarray(r * 2 * H, r * 2 * H + H), r * H);
  const cache: AttentionCache = { S, Henc, mask: m, G, alpha, cs, hTilde, p };
  return { hTilde: new Tensor(hTilde, [Td, B, H]), alpha: new Tensor(alpha, [Td, B, Ts]), context: new Tensor(context, [Td, B, H]), cache };
}

/**
 * Backward of {@link attentionForward}, in the reverse order of the forward; ADDS into `grads` (`Wa`, `Wc`, `bc`):
 * - `da = dh̃ ∗ (1 − h̃²)`; `dW_c += da [c; s]ᵀ`, `db_c += da`; `dc = W_c[:, :H]ᵀ da`, `ds = W_c[:, H:]ᵀ da`;
 * - context: `dα_j = dc · h_j`, `dh_j += α_j dc`;
 * - softmax: `de_j = α_j (dα_j − Σ_k α_k dα_k)` (masked steps have α = 0, so de = 0);
 * - score `e_j = sᵀ W_a h_j`: `ds += Σ_j de_j W_a h_j`; with `q_j = Σ_t de_{t,j} s_t`, `dh_j += W_aᵀ q_j`, `dW_a += Σ_j q_j h_jᵀ`.
 * @param dHTilde `[Td, B, H]` ∂L/∂h̃
 * @returns `{ dS [Td, B, H], dHenc [Ts, B, H] }`
 */
export function attentionBackward(dHTilde: Tensor, cache: AttentionCache, grads: AttentionParams): { dS: Tensor; dHenc: Tensor } {
  const fn = "attentionBackward";
  if (cache === null || typeof cache !== "object" || !(cache.S instanceof Tensor) || !(cache.Henc instanceof Tensor)) throw argError(fn, "cache", "the cache attentionForward returned", cache);
  const { S, Henc, G, alpha, cs, hTilde, p } = cache;
  const [Td, B, H] = S.shape;
  const Ts = Henc.shape[0];
  checkShape(fn, "dHTilde", dHTilde, [Td, B, H], "Td, B, H");
  checkObject(fn, "grads", grads, "{ Wa, Wc, bc } of Tensors");
  checkShape(fn, "grads.Wa", grads.Wa, [H, H], "H, H");
  checkShape(fn, "grads.Wc", grads.Wc, [H, 2 * H], "H, 2H");
  checkShape(fn, "grads.bc", grads.bc, [H], "H");
  const s = S.data, h = Henc.data, Wa = p.Wa.data, Wc = p.Wc.data;
  const R = Td * B;
  // h̃ = tanh([c; s] W_cᵀ + b_c): da = dh̃ ∗ (1 − h̃²), dW_c += daᵀ [c; s], db_c += Σ da, d[c; s] = da W_c
  const da = new Float64Array(R * H);
  for (let i = 0; i < R * H; i++) da[i] = dHTilde.data[i] * (1 - hTilde[i] * hTilde[i]);
  gemm(grads.Wc.data, da, cs, H, 2 * H, R, true, false, true);
  for (let r = 0; r < R; r++) for (let i = 0; i < H; i++) grads.bc.data[i] += da[r * H + i];
  const dcs = new Float64Array(R * 2 * H);
  gemm(dcs, da, Wc, R, 2 * H, H);
  const dS = new Float64Array(R * H);
  const dH = new Float64Array(Ts * B * H);
  const q = new Float64Array(Ts * B * H);
  const dAlpha = new Float64Array(Ts);
  for (let t = 0; t < Td; t++) {
    for (let b = 0; b < B; b++) {
      const so = (t * B + b) * H, co = (t * B + b) * 2 * H, ao = (t * B + b) * Ts;
      for (let k = 0; k < H; k++) dS[so + k] += dcs[co + H + k];
      // c = Σ_j α_j h_j: dα_j = dc · h_j, dh_j += α_j dc
      let dot = 0;
      for (let j = 0; j < Ts; j++) {
        const a = alpha[ao + j];
        const ho = (j * B + b) * H;
        let acc = 0;
        for (let k = 0; k < H; k++) {
          acc += dcs[co + k] * h[ho + k];
          dH[ho + k] += a * dcs[co + k];
        }
        dAlpha[j] = acc;
        dot += a * acc;
      }
      // α = softmax(e): de_j = α_j (dα_j − Σ_k α_k dα_k); e_j = sᵀ G_j: ds += de_j G_j, q_j += de_j s
      for (let j = 0; j < Ts; j++) {
        const d = alpha[ao + j] * (dAlpha[j] - dot);
        if (d === 0) continue;
        const ho = (j * B + b) * H;
        for (let k = 0; k < H; k++) {
          dS[so + k] += d * G[ho + k];
          q[ho + k] += d * s[so + k];
        }
      }
    }
  }
  // G = h W_aᵀ: dW_a += qᵀ h, dh += q W_a (once per source step instead of once per (t, j))
  gemm(grads.Wa.data, q, h, H, H, Ts * B, true, false, true);
  gemm(dH, q, Wa, Ts * B, H, H, false, false, true);
  return { dS: new Tensor(dS, [Td, B, H]), dHenc: new Tensor(dH, [Ts, B, H]) };
}
