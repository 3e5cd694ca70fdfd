// The gate loops of the fast backend, each natively where the add-on is built (native/gates.c, the same arithmetic lane for
// lane, in place) and else in WebAssembly: the float32 path (setPrecision("float32"): LSTM, reset-after GRU and tanh-RNN
// activations in f32x4 lanes, gates32.wat, a polynomial exp), and the exact float64 LSTM kernels (lstm64.wat: gate loop and
// time loops) whose exp and tanh give Math.exp's and Math.tanh's bits, so they change no float64 result.
import { WasmMemory, wasmGrow, wasmOwnInstance } from "./wasm/instance";
import { wasmScratch } from "./wasm/pin";
import { nativeAddon } from "./native/gemm-native";
import { nativeLstmBackwardChunks } from "./native/backward-native";

/** The float32 gate loops of the native add-on (native/gates.c): the same lanes' arithmetic on the float64 buffers in place. */
interface NativeGates {
  lstm32(z: Float64Array, zo: number, c: Float64Array, co: number, cn: Float64Array, tc: Float64Array, h: Float64Array, so: number, to: number, B: number, H: number): boolean;
  gru32(g: Float64Array, gh: Float64Array, bh: Float64Array, hp: Float64Array, r: Float64Array, z: Float64Array, n: Float64Array, hn: Float64Array, h: Float64Array, B: number, H: number): boolean;
  tanh32rows(z: Float64Array): boolean;
  /** float64 with V8's exp/tanh bits (native/gates64.c) */
  lstm64(z: Float64Array, zo: number, c: Float64Array, co: number, cn: Float64Array, tc: Float64Array, h: Float64Array, so: number, to: number, B: number, H: number): boolean;
  gru64(g: Float64Array, gh: Float64Array, bh: Float64Array, hp: Float64Array, r: Float64Array, z: Float64Array, n: Float64Array, hn: Float64Array, h: Float64Array, B: number, H: number): boolean;
  rows64(x: Float64Array, which: number): boolean;
  lstmSeq64(whh: Float64Array, gates: Float64Array, hs: Float64Array, cs: Float64Array, tanhCs: Float64Array, m: Float64Array | null, T: number, B: number, H: number): boolean;
  /** lstmSeq64's loop with lstm32's float32 gate lanes */
  lstmSeq32(whh: Float64Array, gates: Float64Array, hs: Float64Array, cs: Float64Array, tanhCs: Float64Array, m: Float64Array | null, T: number, B: number, H: number): boolean;
}

/** The native add-on's gate loops when built (from these sources) and enabled, else null. */
function nativeGates(): NativeGates | null {
  return nativeAddon<NativeGates>();
}

/**
 * `x ← tanh(x)` or `x ← σ(x)` (sigmoidScalar) in place in float64, natively with Math.tanh's and sigmoidScalar's bits (the
 * vector exp/tanh of native/gates64-tiles.h). Returns false (doing nothing) where the add-on is unavailable: run the JS loop.
 * @param x any length
 */
export function nativeActivate64(x: Float64Array, act: "tanh" | "sigmoid"): boolean {
  return nativeGates()?.rows64(x, act === "tanh" ? 0 : 1) ?? false;
}

/**
 * The float64 reset-after GRU gate loop natively, the bits of `gruResetAfterPointwise`'s JS loop: `r = σ(g_r + (gh_r + b_hr))`,
 * `z = σ(g_z + (gh_z + b_hz))`, `hn = gh_n + b_hn`, `n = tanh(g_n + r∗hn)`, `h' = (1 − z)∗n + z∗h`. False where unavailable.
 * @param g `[B, 3H]` input products with `b_ih`, `gh` `[B, 3H]`, `bhh` `[3H]`, `hp` `[B, H]`; `r, z, n, hn, hNew` `[B, H]` are written
 */
export function nativeGruPointwise64(
  g: Float64Array, gh: Float64Array, bhh: Float64Array, hp: Float64Array,
  r: Float64Array, z: Float64Array, n: Float64Array, hn: Float64Array, hNew: Float64Array, B: number, H: number,
): boolean {
  return nativeGates()?.gru64(g, gh, bhh, hp, r, z, n, hn, hNew, B, H) ?? false;
}

/**
 * The float32 fast path of the LSTM gate loop (`lstmGateLoop` under `setPrecision("float32")`): the `lstm32` kernel
 * computes `i, f, g, o = σ, σ, tanh, σ` of `z`, `c' = f∗c + i∗g`, `tanh c'`, `h' = o∗tanh c'` on f32x4 lanes with a polynomial
 * exp (float32-accurate: tested against the float64 loop), reading and writing the float64 buffers at their offsets.
 * Returns false (doing nothing) where SIMD is unavailable or H is not a multiple of 4 (the caller runs its float64 loop).
 * @param z `[B, 4H]` rows from `zo` (overwritten by the activations), `cp` `[B, H]` from `po`, `cNew`/`hNew` from `so`, `tanhC` from `to`
 */
export function lstmGates32(
  z: Float64Array, zo: number, cp: Float64Array, po: number, cNew: Float64Array, tanhC: Float64Array, hNew: Float64Array,
  so: number, to: number, B: number, H: number,
): boolean {
  if ((H & 3) !== 0) return false;
  // the native add-on runs the same lanes in place (no copies), where built
  if (nativeGates()?.lstm32(z, zo, cp, po, cNew, tanhC, hNew, so, to, B, H)) return true;
  const w = wasmScratch(8 * B * H);
  if (w === null) return false;
  lstmGateCall(w.k.lstm32, w.mem, w.base, z, zo, cp, po, cNew, tanhC, hNew, so, to, B, H);
  return true;
}

/**
 * One LSTM gate-loop kernel call on `mem` from float64 index `oz` (room for `8·B·H` values): copies `z [B, 4H]` (from `zo`) and
 * `c [B, H]` (from `po`) in, runs `kernel(pz, pc, pcn, ptc, ph, B, H)` (byte offsets), and copies the activations, `c'`,
 * `tanh c'` and `h'` back to their offsets. Shared by the float32 (`lstm32`) and float64 (`lstm64`) wrappers.
 */
function lstmGateCall(
  kernel: (pz: number, pc: number, pcn: number, ptc: number, ph: number, B: number, H: number) => void, mem: Float64Array, oz: number,
  z: Float64Array, zo: number, cp: Float64Array, po: number, cNew: Float64Array, tanhC: Float64Array, hNew: Float64Array,
  so: number, to: number, B: number, H: number,
): void {
  const BH = B * H, BG = 4 * BH;
  const oc = oz + BG, ocn = oc + BH, otc = ocn + BH, oh = otc + BH;
  if (BH <= 64) {
    // a few values (batch-1 steps): plain loops beat making subarray views
    for (let q = 0; q < BG; q++) mem[oz + q] = z[zo + q];
    for (let q = 0; q < BH; q++) mem[oc + q] = cp[po + q];
    kernel(oz * 8, oc * 8, ocn * 8, otc * 8, oh * 8, B, H);
    for (let q = 0; q < BG; q++) z[zo + q] = mem[oz + q];
    for (let q = 0; q < BH; q++) { cNew[so + q] = mem[ocn + q]; tanhC[to + q] = mem[otc + q]; hNew[so + q] = mem[oh + q]; }
    return;
  }
  mem.set(z.subarray(zo, zo + BG), oz);
  mem.set(cp.subarray(po, po + BH), oc);
  kernel(oz * 8, oc * 8, ocn * 8, otc * 8, oh * 8, B, H);
  z.set(mem.subarray(oz, oz + BG), zo);
  cNew.set(mem.subarray(ocn, ocn + BH), so);
  tanhC.set(mem.subarray(otc, otc + BH), to);
  hNew.set(mem.subarray(oh, oh + BH), so);
}

/**
 * `z ← tanh(z)` in place in float32 lanes (the `tanh32rows` kernel, float32-accurate): the float32 fast path of the vanilla
 * RNN's activation. Returns false (doing nothing) where SIMD is unavailable or `z.length` is not a multiple of 4.
 * @param z any length (a step's `[B, H]` pre-activations)
 */
export function tanhRows32(z: Float64Array): boolean {
  const n = z.length;
  if ((n & 3) !== 0) return false;
  if (nativeGates()?.tanh32rows(z)) return true;
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
export function gruGates32(
  g: Float64Array, gh: Float64Array, bhh: Float64Array, hp: Float64Array,
  r: Float64Array, z: Float64Array, n: Float64Array, hn: Float64Array, hNew: Float64Array, B: number, H: number,
): boolean {
  if ((H & 3) !== 0) return false;
  const BH = B * H, BG = 3 * BH;
  if (nativeGates()?.gru32(g, gh, bhh, hp, r, z, n, hn, hNew, B, H)) return true;
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

/** The float64 LSTM kernels of lstm64.wat and the memory of their instance. */
interface Lstm64Kernels {
  mem: WasmMemory;
  lstm64: (pz: number, pcp: number, pcn: number, ptc: number, ph: number, B: number, H: number) => void;
  lstmseq64: (T: number, B: number, H: number, pw: number, pz: number, phs: number, pcs: number, ptc: number, pm: number) => void;
  lstmbwd64: (
    t0: number, t1: number, B: number, H: number, pw: number, pg: number, ptc: number, pcp: number, pdo: number, pm: number, pdz: number,
    pdh: number, pdc: number, pdhp: number, pnh: number, pnc: number,
  ) => void;
}

/**
 * The float64 LSTM kernels run in an instance of their own (own memory, one thread), so the operands they keep there
 * (`W_hhᵀ`, a whole sequence's buffers) never meet the pins and scratch of wasm/pin.ts. Null where WebAssembly is unavailable.
 */
let lstm64Instance: Lstm64Kernels | null | undefined;
let lstm64View = new Float64Array(0);

/** A float64 view of the float64 LSTM kernels' memory holding at least `values` values (valid until the next call), or null. */
function lstm64Memory(values: number): { k: Lstm64Kernels; mem: Float64Array } | null {
  // null: no WebAssembly SIMD here, the callers keep their JS loops
  if (lstm64Instance === undefined) lstm64Instance = wasmOwnInstance<Lstm64Kernels>();
  const k = lstm64Instance;
  if (k === null) return null;
  if (lstm64View.length < values) {
    if (!wasmGrow(k.mem, values * 8)) return null;
    lstm64View = new Float64Array(k.mem.buffer);
  }
  return { k, mem: lstm64View };
}

/**
 * The float64 LSTM gate loop in WebAssembly (the `lstm64` kernel): exactly the loop of `lstmGateLoop`, the same
 * operations in the same order with an exp and tanh that give Math.exp's and Math.tanh's bits, so the same results to the bit.
 * Runs natively (native/gates64.c, the same bits, no copies) where the add-on is built. Returns false (doing nothing) where
 * neither is available.
 * @param z `[B, 4H]` rows from `zo` (overwritten by the activations), `cp` `[B, H]` from `po`, `cNew`/`hNew` from `so`, `tanhC` from `to`
 */
export function lstmGatesExact64(
  z: Float64Array, zo: number, cp: Float64Array, po: number, cNew: Float64Array, tanhC: Float64Array, hNew: Float64Array,
  so: number, to: number, B: number, H: number,
): boolean {
  // the native add-on runs the same loop with the same exp/tanh bits in place (no copies), where built
  if (nativeGates()?.lstm64(z, zo, cp, po, cNew, tanhC, hNew, so, to, B, H)) return true;
  const w = lstm64Memory(8 * B * H);
  if (w === null) return false;
  lstmGateCall(w.k.lstm64, w.mem, 0, z, zo, cp, po, cNew, tanhC, hNew, so, to, B, H);
  return true;
}

/**
 * The whole float64 LSTM forward time loop of `lstmSequenceForward` for small batches in one WebAssembly call (the
 * `lstmseq64` kernel): for t = 0 … T−1, `Z_t += h_{t−1} W_hhᵀ` (each element one sum in increasing k, added to the input
 * product: the `rowvec` kernel), the exact float64 gate loop of `lstm64`, and padded rows (mask 0) keeping their previous
 * state. The buffers are copied in and out once; the results are bit-identical to the per-step path.
 * Returns false (doing nothing) where WebAssembly is unavailable or the memory cannot hold the sequence.
 * @param whh `weight_hh` `[4H, H]`
 * @param gates `[T, B, 4H]` input products `x W_ihᵀ + b_ih + b_hh` in, activated gates out
 * @param hs, cs `[T + 1, B, H]`: block 0 (state0) in, blocks 1 … T written
 * @param tanhCs `[T, B, H]` written; `m` mask `[T·B]` (0 = padded) or null
 */
export function lstmTimeLoop64(
  whh: Float64Array, gates: Float64Array, hs: Float64Array, cs: Float64Array, tanhCs: Float64Array, m: Float64Array | null,
  T: number, B: number, H: number,
): boolean {
  // natively where the add-on is built: the same loop and bits, in place
  if (nativeGates()?.lstmSeq64(whh, gates, hs, cs, tanhCs, m, T, B, H)) return true;
  const G4 = 4 * H, BH = B * H, BG = B * G4;
  // float64 indices: W_hhᵀ [H, 4H], gates, hs, cs, tanh c, mask
  const oz = H * G4, ohs = oz + T * BG, ocs = ohs + (T + 1) * BH, otc = ocs + (T + 1) * BH, om = otc + T * BH;
  const w = lstm64Memory(om + (m === null ? 0 : T * B));
  if (w === null) return false;
  const { k, mem } = w;
  for (let n = 0; n < G4; n++) for (let q = 0; q < H; q++) mem[q * G4 + n] = whh[n * H + q];
  mem.set(gates.subarray(0, T * BG), oz);
  mem.set(hs.subarray(0, BH), ohs);
  mem.set(cs.subarray(0, BH), ocs);
  if (m !== null) mem.set(m.subarray(0, T * B), om);
  k.lstmseq64(T, B, H, 0, oz * 8, ohs * 8, ocs * 8, otc * 8, m === null ? 0 : om * 8);
  gates.set(mem.subarray(oz, oz + T * BG));
  hs.set(mem.subarray(ohs + BH, ohs + (T + 1) * BH), BH);
  cs.set(mem.subarray(ocs + BH, ocs + (T + 1) * BH), BH);
  tanhCs.set(mem.subarray(otc, otc + T * BH));
  return true;
}

/**
 * {@link lstmTimeLoop64} for the float32 fast path: the same time loop (`Z_t += h_{t−1} W_hhᵀ` in float64 by the row
 * kernel, as small products stay in float64), with the float32 gate loop of `lstmGateLoop` (`i, f, o = σ`, `g = tanh`,
 * `c_t = f∗c_{t−1} + i∗g`, `h_t = o∗tanh c_t` in float32 lanes) in place of the exact one: the per-step float32 path's bits.
 * Native only (one call for the whole sequence); returns false (doing nothing) where the add-on is not built or declines,
 * and the caller runs its per-step loop. Where H is not a multiple of 4 the float32 gate loop declines and the per-step path
 * runs the float64 one, so this runs {@link lstmTimeLoop64}.
 * @param whh `[4H, H]`; `gates` `[T, B, 4H]` input products in, activations out; `hs`, `cs` `[T + 1, B, H]`; `tanhCs` `[T, B, H]`; `m` `[T·B]` or null
 */
export function lstmTimeLoop32(
  whh: Float64Array, gates: Float64Array, hs: Float64Array, cs: Float64Array, tanhCs: Float64Array, m: Float64Array | null,
  T: number, B: number, H: number,
): boolean {
  // H not a multiple of 4: the per-step float32 path runs the exact float64 gate loop (lstmGates32 declines), so this does too
  if ((H & 3) !== 0) return lstmTimeLoop64(whh, gates, hs, cs, tanhCs, m, T, B, H);
  return nativeGates()?.lstmSeq32(whh, gates, hs, cs, tanhCs, m, T, B, H) === true;
}

/**
 * The float64 LSTM backward time loop of `lstmSequenceBackward` for small batches, natively in place where the add-on is
 * built ({@link nativeLstmBackwardChunks}), else in WebAssembly (the `lstmbwd64` kernel), one call per chunk of steps,
 * walking the chunks from the last: per step the gate backward (the same formulas in the
 * same order) into the chunk's `dZ` rows, the norms `‖∂L/∂h_t‖`, `‖∂L/∂c_t‖` (summed in the same order), and
 * `∂L/∂h_{t−1} = dZ_t W_hh` (each element one sum in increasing k: the `rowvec` kernel); padded rows pass dh, dc through.
 * After each chunk its `dZ` rows are copied into `dZ` and `onChunk(t0, t1)` runs (the chunk's weight-gradient products).
 * Bit-identical to the per-step path. Returns false (doing nothing) where neither runs (no add-on, and WebAssembly unavailable
 * or its memory too small for the sequence).
 * @param whh `weight_hh` `[4H, H]`; `gates` `[T, B, 4H]`, `tanhCs`, `cPrev` `[T, B, H]` from the forward tape
 * @param dOut `[T·B·H]` ∂L/∂outputs or null; `m` mask `[T·B]` or null
 * @param dh, dc `[B, H]` ∂L/∂h_T, ∂L/∂c_T on entry, ∂L/∂h_0, ∂L/∂c_0 on exit; `normsH`, `normsC` length T, written
 * @param dZ at least `[chunk·B, 4H]`, receives each chunk's rows before `onChunk`
 */
export function lstmBackwardTimeLoop64(
  whh: Float64Array, gates: Float64Array, tanhCs: Float64Array, cPrev: Float64Array, dOut: Float64Array | null, m: Float64Array | null,
  dh: Float64Array, dc: Float64Array, normsH: number[], normsC: number[], dZ: Float64Array, T: number, B: number, H: number, chunk: number,
  onChunk: (t0: number, t1: number) => void,
): boolean {
  if (nativeLstmBackwardChunks(whh, gates, tanhCs, cPrev, dOut, m, dh, dc, normsH, normsC, dZ, T, B, H, chunk, onChunk)) return true;
  const G4 = 4 * H, BH = B * H, BG = B * G4;
  // float64 indices: W_hh [4H, H], gates, tanh c, c_{t−1}, dOut, mask, dZ chunk, dh, dc, dh scratch, norms h, norms c
  const og = G4 * H, otc = og + T * BG, ocp = otc + T * BH, odo = ocp + T * BH, om = odo + (dOut === null ? 0 : T * BH);
  const oz = om + (m === null ? 0 : T * B), odh = oz + chunk * BG, odc = odh + BH, odhp = odc + BH, onh = odhp + BH, onc = onh + T;
  const w = lstm64Memory(onc + T);
  if (w === null) return false;
  const { k } = w;
  let mem = w.mem;
  mem.set(whh.subarray(0, G4 * H), 0);
  mem.set(gates.subarray(0, T * BG), og);
  mem.set(tanhCs.subarray(0, T * BH), otc);
  mem.set(cPrev.subarray(0, T * BH), ocp);
  if (dOut !== null) mem.set(dOut.subarray(0, T * BH), odo);
  if (m !== null) mem.set(m.subarray(0, T * B), om);
  mem.set(dh.subarray(0, BH), odh);
  mem.set(dc.subarray(0, BH), odc);
  for (let t1 = T; t1 > 0; t1 -= chunk) {
    const t0 = Math.max(0, t1 - chunk), n = (t1 - t0) * BG;
    mem.fill(0, oz, oz + n);
    k.lstmbwd64(t0, t1, B, H, 0, og * 8, otc * 8, ocp * 8, dOut === null ? 0 : odo * 8, m === null ? 0 : om * 8, oz * 8,
      odh * 8, odc * 8, odhp * 8, onh * 8, onc * 8);
    dZ.set(mem.subarray(oz, oz + n));
    onChunk(t0, t1);
    mem = lstm64View; // (onChunk runs other kernels, never on this memory, but keep the current view)
  }
  dh.set(mem.subarray(odh, odh + BH));
  dc.set(mem.subarray(odc, odc + BH));
  for (let t = 0; t < T; t++) { normsH[t] = mem[onh + t]; normsC[t] = mem[onc + t]; }
  return true;
}
