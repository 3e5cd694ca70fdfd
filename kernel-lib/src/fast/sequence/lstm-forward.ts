// The LSTM sequence kernel's forward: input products per chunk of steps, then per step the recurrent product and the gate loop, into flat buffers (the tape).
import { Tensor } from "../../tensor";
import { fastGemm as gemm, simdSized } from "../products";
import { gemmRowsTB } from "../../tensor/gemm-js";
import { wasmPin, wasmPinRows, wasmRowsPinned, wasmUnpin } from "../wasm/pin";
import { lstmTimeLoop32, lstmTimeLoop64 } from "../gates";
import { precision } from "../../tensor/precision";
import { chunkSteps, inputProducts } from "./sequence-products";
import { CellParams, CellState } from "../../cells";
import { lstmGateLoop } from "./lstm-gates";

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
export function runsInJs(M: number, N: number, K: number): boolean {
  return !simdSized(M, N, K);
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
  const fused = js && lstmSequenceFusion.enabled;
  if (fused) {
    // small batches: all input products first, then the whole time loop in one call (float64: lstmseq64, natively or in
    // WebAssembly; float32: natively only. The row kernel's step products and the precision's gate loop, the same bits as
    // the per-step path below, which runs when the call declines)
    for (let t0 = 0; t0 < T; t0 += chunk) inputProducts(gates, x, p, bias, t0, Math.min(T, t0 + chunk), B, G4, I);
    const loop = precision() === "float64" ? lstmTimeLoop64 : lstmTimeLoop32;
    if (loop(whh, gates, hs, cs, tanhCs, m, T, B, H)) return lstmTape(p, x, m, gates, tanhCs, hs, cs, T, B, I, H, prev);
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
      lstmGateLoop({ z: { buf: gates, off: zo }, cPrev: { buf: cs, off: po }, c: { buf: cs, off: so }, tanhC: { buf: tanhCs, off: po }, h: { buf: hs, off: so } }, B, H);
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

