// The LSTM sequence kernel's backward from its tape: per step the fused gate backward and dZ_t W_hh, per chunk of steps the weight-gradient products.
import { fastGemm as gemm } from "../products";
import { gemmRowsNN } from "../../tensor/gemm-js";
import { wasmPin, wasmPinRows, wasmRowsPinned, wasmUnpin } from "../wasm/pin";
import { lstmBackwardTimeLoop64 } from "../gates";
import { chunkSteps, weightGradProductsRows } from "./sequence-products";
import { CellParams } from "../../cells";
import { nativeCarryBackRows, nativeLstmBackwardStep } from "../native/backward-native";
import { LstmSequenceTape, lstmSequenceFusion, runsInJs } from "./lstm-forward";

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
  // small batches: the whole per-step loop of each chunk in one call, natively or in WebAssembly (the same bits as the loop below)
  if (js && lstmSequenceFusion.enabled && lstmBackwardTimeLoop64(whh, gates, tanhCs, cp, dOut, m, dh, dc, normsH, normsC, dZ, T, B, H, chunk, chunkProducts)) {
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

