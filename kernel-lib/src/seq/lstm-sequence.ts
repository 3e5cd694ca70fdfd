// The sequence-level LSTM kernel behind unroll/bptt: input products and weight gradients as one product over all steps, preallocated buffers.
import { Tensor } from "../tensor/tensor";
import { gemm } from "../tensor/matmul";
import { wasmPin, wasmUnpin } from "../tensor/gemm-wasm";
import { SEQUENCE_CHUNK_ROWS, carryBack, chunkSteps, inputProducts, stepRecord, unrollResult, weightGradProducts } from "./sequence-products";
import { CellParams, CellState, LstmCellCache, lstmPointwiseForward } from "../cells";
import type { StepCache, UnrollResult } from "./unroll";

/**
 * The LSTM over a whole sequence, the same values as stepping `lstmCellForward` (up to round-off):
 * `Z = X W_ihᵀ + (b_ih + b_hh)` as one product `[rows, I]·[I, 4H]` per chunk of steps (about {@link SEQUENCE_CHUNK_ROWS}
 * rows, so it runs in WebAssembly SIMD), then per step only the recurrent part `Z_t += h_{t−1} W_hhᵀ` and the fused gate loop
 * `i, f, o = σ(·)`, `g = tanh(·)`, `c_t = f∗c_{t−1} + i∗g`, `h_t = o∗tanh(c_t)`, written into buffers for all steps
 * (gates `[T, B, 4H]`, `tanh c` `[T, B, H]`, states `h`, `c` `[T + 1, B, H]` from a copy of state0); caches and states are views into them.
 * Padded rows (mask 0) keep the previous state and output zeros. Inputs are already checked by {@link unroll}.
 * @param x `[T, B, I]`
 * @param state0 `{h [B, H], c [B, H]}`
 * @param m mask data `[T·B]` or null
 */
export function lstmUnrollSequence(p: CellParams, x: Tensor, state0: CellState, m: Float64Array | null, T: number, B: number, I: number, H: number): UnrollResult {
  const G4 = 4 * H;
  const BH = B * H;
  const gates = new Float64Array(T * B * G4);
  // states h, c for steps −1 … T−1: block 0 is a copy of state0, so every step's h_{t−1} is one contiguous run
  const hs = new Float64Array((T + 1) * BH);
  const cs = new Float64Array((T + 1) * BH);
  hs.set(state0.h.data);
  cs.set((state0.c as Tensor).data);
  const tanhCs = new Float64Array(T * BH);
  const bias = new Float64Array(G4);
  const bih = p.bias_ih.data, bhh = p.bias_hh.data;
  for (let j = 0; j < G4; j++) bias[j] = bih[j] + bhh[j];
  const chunk = chunkSteps(T, B);
  const whh = p.weight_hh.data;
  const caches: StepCache[] = new Array(T);
  const states: CellState[] = new Array(T);
  let hPrev = new Tensor(hs.subarray(0, BH), [B, H]), cPrev = new Tensor(cs.subarray(0, BH), [B, H]);
  wasmPin(whh); // W_hh stays in the SIMD kernel's memory for the whole loop (not copied every step)
  try {
    for (let t = 0; t < T; t++) {
      // Z = X W_ihᵀ + b_ih + b_hh for the chunk's steps at once
      if (t % chunk === 0) inputProducts(gates, x.data, p, bias, t, Math.min(T, t + chunk), B, G4, I);
      const z = gates.subarray(t * B * G4, (t + 1) * B * G4);
      // Z_t += h_{t−1} W_hhᵀ: the only product left inside the time loop
      gemm(z, hPrev.data, whh, B, G4, H, false, true, true);
      const hp = hPrev.data, cp = cPrev.data;
      const so = (t + 1) * BH;
      const hNew = hs.subarray(so, so + BH), cNew = cs.subarray(so, so + BH);
      const tanhC = tanhCs.subarray(so - BH, so);
      lstmPointwiseForward(z, cp, cNew, tanhC, hNew, B, H);
      // a padded row keeps its previous state
      if (m !== null) {
        for (let b = 0; b < B; b++) {
          if (m[t * B + b] !== 0) continue;
          hNew.set(hp.subarray(b * H, (b + 1) * H), b * H);
          cNew.set(cp.subarray(b * H, (b + 1) * H), b * H);
        }
      }
      const h = new Tensor(hNew, [B, H]);
      const c = new Tensor(cNew, [B, H]);
      const cache: LstmCellCache = {
        x: new Tensor(x.data.subarray(t * B * I, (t + 1) * B * I), [B, I]),
        hPrev, cPrev, gates: z, tanhC, p,
      };
      caches[t] = stepRecord(cache, m, t, B, H, I);
      states[t] = { h, c };
      hPrev = h;
      cPrev = c;
    }
  } finally {
    wasmUnpin();
  }
  return unrollResult(hs, m, T, B, H, caches, states);
}

/**
 * BPTT for LSTM caches, the same values as stepping `lstmCellBackward` (up to round-off). Walking t = T−1 … 0
 * only the per-step part runs: the fused gate backward (labelled as in `lstmCellBackward`) into `dZ_t` and
 * `∂L/∂h_{t−1} = dZ_t W_hh`. The rest is one product per chunk of steps (about {@link SEQUENCE_CHUNK_ROWS} rows):
 * `dW_ih += dZᵀ X`, `dW_hh += dZᵀ H_prev`, `db_ih += Σ dZ`, `db_hh += Σ dZ`, `dX = dZ W_ih`.
 * Padded rows get no gradient (their dZ rows stay zero) and pass `∂L/∂h`, `∂L/∂c` straight through.
 * @param caches LSTM step caches (from {@link lstmUnrollSequence} or the generic unroll), checked by {@link bptt}
 * @param dOut `[T·B·H]` ∂L/∂outputs data or null
 * @param dh `[B, H]` ∂L/∂h_T on entry, ∂L/∂h_0 on exit (likewise `dc`)
 * @returns `dx [T, B, I]`
 */
export function lstmBpttSequence(
  caches: StepCache[], dOut: Float64Array | null, dh: Float64Array, dc: Float64Array, grads: CellParams,
  normsH: number[], normsC: number[], T: number, B: number, I: number, H: number,
): Tensor {
  const G4 = 4 * H;
  const BH = B * H;
  const p = (caches[0].cache as LstmCellCache).p;
  const chunk = chunkSteps(T, B);
  const dZ = new Float64Array(chunk * B * G4);
  const dhPrev = new Float64Array(BH);
  const dx = new Float64Array(T * B * I);
  const db = new Float64Array(G4);
  const xs = caches.map((c) => (c.cache as LstmCellCache).x.data);
  const hps = caches.map((c) => (c.cache as LstmCellCache).hPrev.data);
  let t1 = T; // the chunk is steps [t0, t1), dZ row block (t − t0)
  let t0 = Math.max(0, T - chunk);
  wasmPin(p.weight_hh.data);
  try {
    for (let t = T - 1; t >= 0; t--) {
      const { cache, mask } = caches[t];
      const { gates, tanhC, cPrev } = cache as LstmCellCache;
      const cp = cPrev.data;
      const dz = dZ.subarray((t - t0) * B * G4, (t - t0 + 1) * B * G4);
      let sh = 0, sc = 0;
      for (let b = 0; b < B; b++) {
        const pad = mask !== null && mask[b] === 0;
        const r = b * G4;
        const s = b * H;
        const oo = (t * B + b) * H;
        for (let j = 0; j < H; j++) {
          // ∂L/∂h_t = ∂L/∂outputs[t] (real rows) + the gradient carried back from step t+1
          const dhj = pad || dOut === null ? dh[s + j] : (dh[s + j] += dOut[oo + j]);
          sh += dhj * dhj;
          if (pad) { sc += dc[s + j] * dc[s + j]; continue; } // the state was copied: gradients pass through
          const i = gates[r + j];
          const f = gates[r + H + j];
          const g = gates[r + 2 * H + j];
          const o = gates[r + 3 * H + j];
          const tc = tanhC[s + j];
          // h' = o ∗ tanh(c'):  do, and the h' path into c'
          const dO = dhj * tc;
          const dcn = dc[s + j] + dhj * o * (1 - tc * tc);
          sc += dcn * dcn;
          // c' = f ∗ c + i ∗ g
          const dI = dcn * g;
          const dG = dcn * i;
          const dF = dcn * cp[s + j];
          dc[s + j] = dcn * f;                   // ∂L/∂c_{t−1}
          // through the gate nonlinearities to the pre-activations
          dz[r + j] = dI * i * (1 - i);
          dz[r + H + j] = dF * f * (1 - f);
          dz[r + 2 * H + j] = dG * (1 - g * g);
          dz[r + 3 * H + j] = dO * o * (1 - o);
        }
      }
      normsH[t] = Math.sqrt(sh);
      normsC[t] = Math.sqrt(sc);
      // ∂L/∂h_{t−1} = dZ_t W_hh (real rows); padded rows carry ∂L/∂h_t unchanged
      gemm(dhPrev, dz, p.weight_hh.data, B, H, G4, false, false, false);
      carryBack(dh, dhPrev, mask, B, H);
      if (t === t0) {
        // z = x W_ihᵀ + h W_hhᵀ + b_ih + b_hh over the chunk's steps: one product each
      weightGradProducts(dZ, xs, hps, t0, t1, p, grads, db, dx, B, G4, I, H);
      dZ.fill(0); // padded rows of the next chunk must read zero
        t1 = t0;
        t0 = Math.max(0, t0 - chunk);
      }
    }
  } finally {
    wasmUnpin();
  }
  const dbi = grads.bias_ih.data, dbh = grads.bias_hh.data;
  for (let j = 0; j < G4; j++) { dbi[j] += db[j]; dbh[j] += db[j]; }
  return new Tensor(dx, [T, B, I]);
}
