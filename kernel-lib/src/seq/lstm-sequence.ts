// The sequence-level LSTM kernel behind unroll/bptt and the LSTM layer: one product per chunk of steps for inputs and weight gradients, flat step buffers.
import { Tensor } from "../tensor/tensor";
import { GEMM_WASM_MIN_WORK, gemm } from "../tensor/matmul";
import { gemmRowsNN, gemmRowsTB } from "../tensor/gemm-js";
import { wasmPin, wasmPinRows, wasmRowsPinned, wasmUnpin } from "../tensor/gemm-wasm";
import { wasmLstmSequence64, wasmLstmSequenceBackward64 } from "../tensor/gates-wasm";
import { precision } from "../tensor/precision";
import { chunkSteps, inputProducts, stepRecord, stepRows, unrollResult, weightGradProductsRows } from "./sequence-products";
import { CellParams, CellState, LstmCellCache, lstmPointwiseForwardAt } from "../cells";
import type { StepCache, UnrollResult } from "./unroll";
import { nativeCarryBackRows, nativeLstmBackwardStep } from "./backward-native";

/**
 * What the LSTM sequence kernel keeps for BPTT, as flat buffers (no per-step objects): step t's rows start at
 * `t·B·4H` in `gates`, at `t·B·H` in `tanhCs`, `hPrev`, `cPrev` and at `t·B·I` in `x`.
 */
export interface LstmSequenceTape {
  p: CellParams;
  /** `[T, B, I]` inputs. */
  x: Float64Array;
  /** `[T·B]` mask (1 real, 0 padded) or null. */
  m: Float64Array | null;
  /** `[T, B, 4H]` activated gates `i, f, g, o`. */
  gates: Float64Array;
  /** `[T, B, H]` `tanh(c_t)`. */
  tanhCs: Float64Array;
  /** `[T, B, H]` `h_{t−1}` and `c_{t−1}` of every step (views of the state buffers' first T blocks). */
  hPrev: Float64Array;
  cPrev: Float64Array;
  /** `[T + 1, B, H]` states `h`, `c` for steps −1 … T−1 (block 0 is a copy of state0). */
  hs: Float64Array;
  cs: Float64Array;
  T: number; B: number; I: number; H: number;
  /** BPTT workspace (`dZ` chunk, `dhPrev`, `db`), made by the first backward and reused by a later tape of the same sizes. */
  scratch?: { dZ: Float64Array; dhPrev: Float64Array; db: Float64Array };
}

/**
 * Whether small-batch float64 sequences run their whole time loops in one WebAssembly call each (`lstmseq64` forward,
 * `lstmbwd64` backward). Set `enabled = false` to run the per-step path instead: the naive reference the tests compare with
 * (both give the same bits).
 */
export const lstmSequenceFusion = { enabled: true };

/** `prev`'s buffer when it has `n` values (a tape no longer in use), else a new one. Every value is overwritten by the caller. */
function reuse(prev: Float64Array | undefined, n: number): Float64Array {
  return prev !== undefined && prev.length === n ? prev : new Float64Array(n);
}

/** True when `gemm` would run an `[M,K]·[K,N]` product in plain JS (then the offset kernels give the same bits without views). */
function runsInJs(M: number, N: number, K: number): boolean {
  return M < 2 || N < 4 || M * N * K < GEMM_WASM_MIN_WORK;
}

/**
 * The LSTM forward over a whole sequence, the same values as stepping `lstmCellForward` (up to round-off):
 * `Z = X W_ihᵀ + (b_ih + b_hh)` as one product `[rows, I]·[I, 4H]` per chunk of steps (about `SEQUENCE_CHUNK_ROWS`
 * rows, so it runs in WebAssembly SIMD), then per step only the recurrent part `Z_t += h_{t−1} W_hhᵀ` and the fused gate loop
 * `i, f, o = σ(·)`, `g = tanh(·)`, `c_t = f∗c_{t−1} + i∗g`, `h_t = o∗tanh(c_t)`, written into flat buffers for all steps.
 * Padded rows (mask 0) keep the previous state. Inputs are already checked by the caller (`unroll` or the layer).
 * @param x `[T, B, I]` data, `h0`, `c0` `[B, H]` data (null = zeros), `m` mask `[T·B]` or null
 * @param prev a tape no longer in use whose gate and BPTT buffers may be reused (its state buffers never are: states are views of them)
 */
export function lstmSequenceForward(
  p: CellParams, x: Float64Array, h0: Float64Array | null, c0: Float64Array | null, m: Float64Array | null, T: number, B: number, I: number, H: number,
  prev: LstmSequenceTape | null = null,
): LstmSequenceTape {
  const G4 = 4 * H;
  const BH = B * H;
  const BG = B * G4;
  const gates = reuse(prev?.gates, T * BG); // every value is written: input products, then activations
  // states h, c for steps −1 … T−1: block 0 is a copy of state0, so every step's h_{t−1} is one contiguous run
  const hs = new Float64Array((T + 1) * BH);
  const cs = new Float64Array((T + 1) * BH);
  if (h0 !== null) hs.set(h0);
  if (c0 !== null) cs.set(c0);
  const tanhCs = reuse(prev?.tanhCs, T * BH);
  const bias = new Float64Array(G4);
  const bih = p.bias_ih.data, bhh = p.bias_hh.data;
  for (let j = 0; j < G4; j++) bias[j] = bih[j] + bhh[j];
  const chunk = chunkSteps(T, B);
  const whh = p.weight_hh.data;
  const js = runsInJs(B, G4, H);
  const fused = js && lstmSequenceFusion.enabled && precision() === "float64";
  if (fused) {
    // small batches in float64: all input products first, then the whole time loop in one WebAssembly call (lstmseq64:
    // the row kernel's step products and the exact gate loop, the same bits as the per-step path below)
    for (let t0 = 0; t0 < T; t0 += chunk) inputProducts(gates, x, p, bias, t0, Math.min(T, t0 + chunk), B, G4, I);
    if (wasmLstmSequence64(whh, gates, hs, cs, tanhCs, m, T, B, H)) return lstmTape(p, x, m, gates, tanhCs, hs, cs, T, B, I, H, prev);
  }
  // W_hh stays in the SIMD kernel's memory for the whole loop (not copied every step); small batches keep W_hhᵀ for the row kernel
  const rows = js && wasmPinRows(whh, H, G4, true);
  if (!js) wasmPin(whh);
  try {
    for (let t = 0; t < T; t++) {
      // Z = X W_ihᵀ + b_ih + b_hh for the chunk's steps at once
      // (already done when the fused kernel was tried and could not run)
      if (!fused && t % chunk === 0) inputProducts(gates, x, p, bias, t, Math.min(T, t + chunk), B, G4, I);
      const zo = t * BG;
      const po = t * BH; // h_{t−1}, c_{t−1}, and this step's tanh c
      const so = po + BH; // h_t, c_t
      // Z_t += h_{t−1} W_hhᵀ: the only product left inside the time loop
      if (rows) wasmRowsPinned(gates, zo, hs, po, B, G4, H, true);
      else if (js) gemmRowsTB(gates, zo, hs, po, whh, B, G4, H, true);
      else gemm(gates.subarray(zo, zo + BG), hs.subarray(po, so), whh, B, G4, H, false, true, true);
      lstmPointwiseForwardAt(gates, zo, cs, po, cs, tanhCs, hs, so, po, B, H);
      // a padded row keeps its previous state
      if (m !== null) {
        for (let b = 0; b < B; b++) {
          if (m[t * B + b] !== 0) continue;
          hs.copyWithin(so + b * H, po + b * H, po + (b + 1) * H);
          cs.copyWithin(so + b * H, po + b * H, po + (b + 1) * H);
        }
      }
    }
  } finally {
    if (!js || rows) wasmUnpin();
  }
  return lstmTape(p, x, m, gates, tanhCs, hs, cs, T, B, I, H, prev);
}

/** The tape of {@link lstmSequenceForward} over its filled buffers (keeping `prev`'s BPTT workspace when the sizes match). */
function lstmTape(
  p: CellParams, x: Float64Array, m: Float64Array | null, gates: Float64Array, tanhCs: Float64Array, hs: Float64Array, cs: Float64Array,
  T: number, B: number, I: number, H: number, prev: LstmSequenceTape | null,
): LstmSequenceTape {
  const BH = B * H;
  const scratch = prev?.scratch !== undefined && prev.T === T && prev.B === B && prev.H === H ? prev.scratch : undefined;
  return { p, x, m, gates, tanhCs, hPrev: hs.subarray(0, T * BH), cPrev: cs.subarray(0, T * BH), hs, cs, T, B, I, H, scratch };
}

/** `states[t] = {h_t, c_t}` of a tape as `[B, H]` views of its state buffers. */
export function lstmTapeStates(tape: LstmSequenceTape): CellState[] {
  const { hs, cs, T, B, H } = tape;
  const BH = B * H;
  const states: CellState[] = new Array(T);
  for (let t = 0; t < T; t++) {
    const so = (t + 1) * BH;
    states[t] = { h: new Tensor(hs.subarray(so, so + BH), [B, H]), c: new Tensor(cs.subarray(so, so + BH), [B, H]) };
  }
  return states;
}

/**
 * The LSTM over a whole sequence for `unroll`: {@link lstmSequenceForward}, then per-step caches (`LstmCellCache`
 * views into the tape's buffers, as stepping `lstmCellForward` would record) and states.
 * @param x `[T, B, I]`
 * @param state0 `{h [B, H], c [B, H]}`
 * @param m mask data `[T·B]` or null
 */
export function lstmUnrollSequence(p: CellParams, x: Tensor, state0: CellState, m: Float64Array | null, T: number, B: number, I: number, H: number): UnrollResult {
  const tape = lstmSequenceForward(p, x.data, state0.h.data, (state0.c as Tensor).data, m, T, B, I, H);
  const { gates, tanhCs } = tape;
  const BH = B * H;
  const BG = 4 * BH;
  const states = lstmTapeStates(tape);
  const caches: StepCache[] = new Array(T);
  let hPrev = new Tensor(tape.hs.subarray(0, BH), [B, H]), cPrev = new Tensor(tape.cs.subarray(0, BH), [B, H]);
  for (let t = 0; t < T; t++) {
    const cache: LstmCellCache = {
      x: new Tensor(x.data.subarray(t * B * I, (t + 1) * B * I), [B, I]),
      hPrev, cPrev, gates: gates.subarray(t * BG, (t + 1) * BG), tanhC: tanhCs.subarray(t * BH, (t + 1) * BH), p,
    };
    caches[t] = stepRecord(cache, m, t, B, H, I);
    hPrev = states[t].h;
    cPrev = states[t].c as Tensor;
  }
  return unrollResult(tape.hs, m, T, B, H, caches, states);
}

/**
 * BPTT from a tape, the same values as stepping `lstmCellBackward` (up to round-off). Walking t = T−1 … 0
 * only the per-step part runs: the fused gate backward (labelled as in `lstmCellBackward`) into `dZ_t` and
 * `∂L/∂h_{t−1} = dZ_t W_hh`. The rest is one product per chunk of steps (about `SEQUENCE_CHUNK_ROWS` rows):
 * `dW_ih += dZᵀ X`, `dW_hh += dZᵀ H_prev`, `db_ih += Σ dZ`, `db_hh += Σ dZ`, `dX = dZ W_ih`.
 * Padded rows get no gradient (their dZ rows stay zero) and pass `∂L/∂h`, `∂L/∂c` straight through.
 * @param dOut `[T·B·H]` ∂L/∂outputs data or null
 * @param dh `[B, H]` ∂L/∂h_T on entry, ∂L/∂h_0 on exit (likewise `dc`)
 * @param normsH, normsC length T, written: `‖∂L/∂h_t‖`, `‖∂L/∂c_t‖`
 * @returns `dx [T, B, I]` data
 */
export function lstmSequenceBackward(
  tape: LstmSequenceTape, dOut: Float64Array | null, dh: Float64Array, dc: Float64Array, grads: CellParams,
  normsH: number[], normsC: number[],
): Float64Array {
  const { p, m, gates, tanhCs, cPrev: cp, T, B, I, H } = tape;
  const G4 = 4 * H;
  const BH = B * H;
  const BG = B * G4;
  const chunk = chunkSteps(T, B);
  // workspace: dZ must start zero where a mask leaves padded rows unwritten, db sums from zero; dhPrev is overwritten
  if (tape.scratch === undefined) tape.scratch = { dZ: new Float64Array(chunk * BG), dhPrev: new Float64Array(BH), db: new Float64Array(G4) };
  else {
    // dZ's padded rows must read zero; without a mask every row of every step is written before it is read
    if (m !== null) tape.scratch.dZ.fill(0);
    tape.scratch.db.fill(0);
  }
  const { dZ, dhPrev, db } = tape.scratch;
  const dx = new Float64Array(T * B * I);
  const whh = p.weight_hh.data;
  const js = runsInJs(B, H, G4);
  /** z = x W_ihᵀ + h W_hhᵀ + b_ih + b_hh over the chunk's steps [t0, t1): one product each, from the chunk's dZ rows */
  const chunkProducts = (t0: number, t1: number): void => {
    const n = (t1 - t0) * B;
    weightGradProductsRows(
      n === chunk * B ? dZ : dZ.subarray(0, n * G4), tape.x.subarray(t0 * B * I, t1 * B * I), tape.hPrev.subarray(t0 * BH, t1 * BH),
      t1 - t0, p, grads, db, dx.subarray(t0 * B * I, t1 * B * I), B, G4, I, H,
    );
  };
  // small batches: the whole per-step loop of each chunk in one WebAssembly call (lstmbwd64, the same bits as the loop below)
  if (js && lstmSequenceFusion.enabled && wasmLstmSequenceBackward64(whh, gates, tanhCs, cp, dOut, m, dh, dc, normsH, normsC, dZ, T, B, H, chunk, chunkProducts)) {
    if (m !== null) dZ.fill(0); // the workspace is reused zeroed where a mask will read it
    return lstmBiasGrads(grads, db, G4, dx);
  }
  let t1 = T; // the chunk is steps [t0, t1), dZ row block (t − t0)
  let t0 = Math.max(0, T - chunk);
  const rows = js && wasmPinRows(whh, G4, H, false);
  if (!js) wasmPin(whh);
  try {
    for (let t = T - 1; t >= 0; t--) {
      const dzo = (t - t0) * BG;
      // the gate backward into dZ_t, natively when the add-on is built (the same bits), else in JS
      const native = nativeLstmBackwardStep(gates, tanhCs, cp, dOut, m, dh, dc, dZ, normsH, normsC, t, B, H, dzo);
      const anyPad = native >= 0 ? native === 1 : lstmGateBackwardStep(gates, tanhCs, cp, dOut, m, dh, dc, dZ, normsH, normsC, t, B, H, dzo);
      // ∂L/∂h_{t−1} = dZ_t W_hh (real rows); padded rows carry ∂L/∂h_t unchanged
      if (rows) wasmRowsPinned(anyPad ? dhPrev : dh, 0, dZ, dzo, B, H, G4, false);
      else if (js) gemmRowsNN(anyPad ? dhPrev : dh, 0, dZ, dzo, whh, B, H, G4, false);
      else gemm(anyPad ? dhPrev : dh, dZ.subarray(dzo, dzo + BG), whh, B, H, G4, false, false, false);
      if (anyPad && !nativeCarryBackRows(dh, dhPrev, m!, t * B, B, H)) {
        for (let b = 0; b < B; b++) if (m![t * B + b] !== 0) dh.set(dhPrev.subarray(b * H, (b + 1) * H), b * H);
      }
      if (t === t0) {
        chunkProducts(t0, t1);
        if (m !== null) dZ.fill(0); // padded rows of the next chunk must read zero (unmasked, every row is rewritten)
        t1 = t0;
        t0 = Math.max(0, t0 - chunk);
      }
    }
  } finally {
    if (!js || rows) wasmUnpin();
  }
  return lstmBiasGrads(grads, db, G4, dx);
}

/**
 * One step of {@link lstmSequenceBackward}'s gate loop in JS (the fallback of the native loop and its naive reference, the
 * same bits): `∂L/∂h_t = dh + dOut[t]` (real rows), `dO = dh∗tanh c`, `dc' = dc + dh∗o∗(1 − tanh²c)`,
 * `∂L/∂c_{t−1} = dc'∗f`, `dZ_t = [dc'g∗i(1−i) | dc'c_{t−1}∗f(1−f) | dc'i∗(1−g²) | dO∗o(1−o)]`; padded rows pass `dh`, `dc` on.
 * Writes `normsH[t] = ‖∂L/∂h_t‖`, `normsC[t] = ‖dc'‖` (sums over b, then j).
 * @param gates `[T, B, 4H]`, `tanhCs`, `cp` (c_{t−1}), `dOut` `[T, B, H]` (null = none), `m` `[T·B]` mask or null
 * @param dh `[B, H]`, `dc` `[B, H]` updated in place; `dZ` step t's `[B, 4H]` rows written from offset `dzo`
 * @returns whether a row of step t is padded
 */
export function lstmGateBackwardStep(
  gates: Float64Array, tanhCs: Float64Array, cp: Float64Array, dOut: Float64Array | null, m: Float64Array | null,
  dh: Float64Array, dc: Float64Array, dZ: Float64Array, normsH: number[], normsC: number[], t: number, B: number, H: number, dzo: number,
): boolean {
  const G4 = 4 * H;
  const BH = B * H;
  const BG = B * G4;
  let sh = 0, sc = 0;
  let anyPad = false;
  for (let b = 0; b < B; b++) {
    const pad = m !== null && m[t * B + b] === 0;
    anyPad ||= pad;
    const r = t * BG + b * G4; // gates row
    const q = dzo + b * G4;    // dZ row
    const s = b * H;
    const u = t * BH + s;      // this step's rows of tanh c, c_{t−1}, dOut
    for (let j = 0; j < H; j++) {
      // ∂L/∂h_t = ∂L/∂outputs[t] (real rows) + the gradient carried back from step t+1
      const dhj = pad || dOut === null ? dh[s + j] : (dh[s + j] += dOut[u + j]);
      sh += dhj * dhj;
      if (pad) { sc += dc[s + j] * dc[s + j]; continue; } // the state was copied: gradients pass through
      const i = gates[r + j];
      const f = gates[r + H + j];
      const g = gates[r + 2 * H + j];
      const o = gates[r + 3 * H + j];
      const tc = tanhCs[u + j];
      // h' = o ∗ tanh(c'):  do, and the h' path into c'
      const dO = dhj * tc;
      const dcn = dc[s + j] + dhj * o * (1 - tc * tc);
      sc += dcn * dcn;
      // c' = f ∗ c + i ∗ g
      const dI = dcn * g;
      const dG = dcn * i;
      const dF = dcn * cp[u + j];
      dc[s + j] = dcn * f;                   // ∂L/∂c_{t−1}
      // through the gate nonlinearities to the pre-activations
      dZ[q + j] = dI * i * (1 - i);
      dZ[q + H + j] = dF * f * (1 - f);
      dZ[q + 2 * H + j] = dG * (1 - g * g);
      dZ[q + 3 * H + j] = dO * o * (1 - o);
    }
  }
  normsH[t] = Math.sqrt(sh);
  normsC[t] = Math.sqrt(sc);
  return anyPad;
}

/** The end of {@link lstmSequenceBackward}: both bias gradients `+= Σ dZ` (z holds b_ih + b_hh); returns `dx`. */
function lstmBiasGrads(grads: CellParams, db: Float64Array, G4: number, dx: Float64Array): Float64Array {
  const dbi = grads.bias_ih.data, dbh = grads.bias_hh.data;
  for (let j = 0; j < G4; j++) { dbi[j] += db[j]; dbh[j] += db[j]; }
  return dx;
}

/**
 * BPTT for LSTM step caches (from {@link lstmUnrollSequence} or the generic unroll, checked by `bptt`): gathers them
 * into a tape (views where the steps are consecutive in one buffer, else copies) and runs {@link lstmSequenceBackward}.
 * @param dOut `[T·B·H]` ∂L/∂outputs data or null
 * @param dh `[B, H]` ∂L/∂h_T on entry, ∂L/∂h_0 on exit (likewise `dc`)
 * @returns `dx [T, B, I]`
 */
export function lstmBpttSequence(
  caches: StepCache[], dOut: Float64Array | null, dh: Float64Array, dc: Float64Array, grads: CellParams,
  normsH: number[], normsC: number[], T: number, B: number, I: number, H: number,
): Tensor {
  const cs = caches.map((c) => c.cache as LstmCellCache);
  let m: Float64Array | null = null;
  for (let t = 0; t < T; t++) {
    const mt = caches[t].mask;
    if (mt === null) continue;
    if (m === null) m = new Float64Array(T * B).fill(1);
    m.set(mt, t * B);
  }
  const tape: LstmSequenceTape = {
    p: cs[0].p, m,
    x: stepRows(cs.map((c) => c.x.data), 0, T, B * I),
    gates: stepRows(cs.map((c) => c.gates), 0, T, B * 4 * H),
    tanhCs: stepRows(cs.map((c) => c.tanhC), 0, T, B * H),
    hPrev: stepRows(cs.map((c) => c.hPrev.data), 0, T, B * H),
    cPrev: stepRows(cs.map((c) => c.cPrev.data), 0, T, B * H),
    hs: new Float64Array(0), cs: new Float64Array(0), T, B, I, H,
  };
  return new Tensor(lstmSequenceBackward(tape, dOut, dh, dc, grads, normsH, normsC), [T, B, I]);
}
