// Gradient checkpointing through time: full BPTT that keeps one state per segment of k steps and re-runs each segment backward.
import { Tensor } from "../tensor";
import { CellParams, CellState, CellStateGrad, RecurrentCell, cellSizes, checkCell } from "../cells";
import { unroll } from "./unroll";
import { bptt, incomingGradients } from "./bptt";
import type { StepNorms } from "./types";
import { checkMask, checkSequence } from "./mask";
import { argError, checkFunction, checkOptions } from "../args";

/**
 * The loss of the whole sequence for {@link checkpointedBptt}: the loss, `∂L/∂outputs` (null when the loss reads only the
 * final state) and `∂L/∂(final state)` (missing entries are zeros).
 * @param outputs `[T, B, H]` the hidden state at every step (zeros at padded steps)
 * @param state the final state `{h [B, H], c? [B, H]}`
 */
export type SequenceLoss = (outputs: Tensor, state: CellState) => { loss: number; dOutputs?: Tensor | null; dState?: CellStateGrad | null };

/** Options of {@link checkpointedBptt}. */
export interface CheckpointedBpttOptions {
  /** Gradient buffers, ADDED into. */
  grads: CellParams;
  /** Steps per segment k (default `⌈√T⌉`, which minimises `T/k + k`). */
  every?: number;
  state0?: CellState | null;
  mask?: Tensor | null;
}

/** The result of {@link checkpointedBptt}: what `unroll` + `bptt` would return, without the per-step caches. */
export interface CheckpointedBpttResult {
  loss: number;
  /** `[T, B, H]` */
  outputs: Tensor;
  /** The final state. */
  state: CellState;
  /** `[T, B, I]` ∂L/∂x */
  dx: Tensor;
  /** ∂L/∂state0 `{h [B, H], c? [B, H]}` */
  dState0: { h: Tensor; c?: Tensor };
  stepNorms: StepNorms;
  /** Segment length k and number of segments ⌈T/k⌉ (= states kept between the forward and the backward pass). */
  every: number;
  segments: number;
}

/**
 * Full backpropagation through time in `O(T/k + k)` step records instead of `O(T)` (gradient checkpointing: Chen et al.
 * 2016, "Training deep nets with sublinear memory cost"; Gruslys et al. 2016 for RNNs). The forward pass runs the
 * sequence in segments of k steps and keeps only the state entering each segment (and the outputs, which the loss reads);
 * then `lossFn` gives `∂L/∂outputs` and `∂L/∂state_T`. The backward pass walks the segments last to first: it re-runs a
 * segment from its saved state (the same kernels on the same numbers, so the same activations bit for bit) and runs
 * {@link bptt} through it, carrying `∂L/∂h` (and `∂L/∂c`) into the segment before. The price is a second forward pass.
 * The gradient is the full-BPTT gradient; against one `unroll` + `bptt` it differs only by round-off, from summing the weight
 * gradients in another grouping.
 * @param cell the recurrent cell
 * @param params its parameters
 * @param x `[T, B, I]`
 * @param lossFn the sequence loss and its gradients
 * @param opts `grads` (ADDED into), `every` (k), `state0`, `mask [T, B]`
 * @returns `{ loss, outputs [T, B, H], state, dx [T, B, I], dState0, stepNorms, every, segments }`
 * @example
 * const r = checkpointedBptt(lstmCell(), p, x, (out) => ({ loss: mse(out, y), dOutputs: mseBackward(out, y) }),
 *   { grads, every: 32 });
 */
export function checkpointedBptt(
  cell: RecurrentCell, params: CellParams, x: Tensor, lossFn: SequenceLoss, opts: CheckpointedBpttOptions,
): CheckpointedBpttResult {
  const fn = "checkpointedBptt";
  checkCell(fn, cell);
  checkFunction(fn, "lossFn", lossFn);
  checkOptions(fn, "opts", opts ?? null);
  const rec = checkpointedForward(cell, params, x, opts.state0, opts.mask, opts.every, fn);
  const { loss, dOutputs, dState } = lossFn(rec.outputs, rec.state);
  if (typeof loss !== "number") throw new Error(`${fn}: lossFn must return { loss: number, dOutputs?, dState? }, got loss ${typeof loss}`);
  const back = checkpointedBackward(cell, params, rec, dOutputs, dState, opts.grads, fn);
  return { loss, outputs: rec.outputs, state: rec.state, ...back, every: rec.every, segments: rec.entering.length };
}

/** What {@link checkpointedForward} keeps for {@link checkpointedBackward}: the outputs and the state entering each segment. */
export interface CheckpointRecord {
  /** `[T, B, H]` */
  outputs: Tensor;
  /** The final state. */
  state: CellState;
  /** `entering[s]`: the state entering segment s (steps `s·every …`); null = zeros. */
  entering: (CellState | null)[];
  /** `[T, B, I]` and the mask data `[T·B]` (null = all real), read again by the backward pass. */
  x: Tensor;
  m: Float64Array | null;
  every: number;
  T: number; B: number; I: number; H: number;
}

/**
 * The forward half of {@link checkpointedBptt}: runs `cell` over `x` in segments of `every` steps, keeping only the outputs
 * and the state entering each segment (copies: no step cache survives).
 * @param x `[T, B, I]`, `state0` `{h [B, H], c? [B, H]}` (default zeros), `mask` `[T, B]`
 * @param every steps per segment (default `⌈√T⌉`)
 * @param fn the caller's name for errors
 */
export function checkpointedForward(
  cell: RecurrentCell, params: CellParams, x: Tensor, state0: CellState | null | undefined, mask: Tensor | null | undefined,
  every: number | null | undefined, fn = "checkpointedForward",
): CheckpointRecord {
  checkCell(fn, cell);
  const { H, I } = cellSizes(fn, params, cell.gates);
  const [T, B] = checkSequence(fn, x, I);
  const m = checkMask(fn, mask, T, B);
  const k = every ?? Math.max(1, Math.ceil(Math.sqrt(T)));
  if (!Number.isInteger(k) || k < 1) throw new Error(`${fn}: every must be a positive integer (steps per segment), got ${k}`);
  if (T === 0) throw new Error(`${fn}: the sequence is empty (T = 0)`);
  const outputs = new Float64Array(T * B * H);
  const entering: (CellState | null)[] = [];
  let state: CellState | null = state0 ?? null;
  const rec = { x, m, every: k, T, B, I, H };
  for (let t0 = 0; t0 < T; t0 += k) {
    const { xs, ms } = segment(rec, t0);
    const r = unroll(cell, params, xs, state, ms, { fn });
    entering.push(state);
    outputs.set(r.outputs.data, t0 * B * H);
    // a copy: the unroll's states are views into its step buffers, which must not stay alive
    state = r.state.c ? { h: r.state.h.clone(), c: r.state.c.clone() } : { h: r.state.h.clone() };
  }
  return { ...rec, outputs: new Tensor(outputs, [T, B, H]), state: state as CellState, entering };
}

/** Segment `[t0, t0 + n)` of a record's input and mask as views. */
function segment(rec: Pick<CheckpointRecord, "x" | "m" | "every" | "T" | "B" | "I">, t0: number): { xs: Tensor; ms: Tensor | null; n: number } {
  const { x, m, every, T, B, I } = rec;
  const n = Math.min(T, t0 + every) - t0;
  return {
    xs: new Tensor(x.data.subarray(t0 * B * I, (t0 + n) * B * I), [n, B, I]),
    ms: m ? new Tensor(m.subarray(t0 * B, (t0 + n) * B), [n, B]) : null,
    n,
  };
}

/**
 * The backward half of {@link checkpointedBptt}: takes the segments last to first, re-runs each from its entering state and
 * runs {@link bptt} through it, carrying `∂L/∂h` (and `∂L/∂c`) into the segment before; ADDS the parameter gradients into `grads`.
 * @param rec from {@link checkpointedForward} with the same cell and parameters
 * @param dOutputs `[T, B, H]` ∂L/∂outputs (null when the loss reads only the final state)
 * @param dState `{h?, c?}` ∂L/∂(final state), missing entries are zeros
 * @returns `{ dx [T, B, I], dState0, stepNorms }`
 */
export function checkpointedBackward(
  cell: RecurrentCell, params: CellParams, rec: CheckpointRecord, dOutputs: Tensor | null | undefined,
  dState: CellStateGrad | null | undefined, grads: CellParams, fn = "checkpointedBackward",
): { dx: Tensor; dState0: { h: Tensor; c?: Tensor }; stepNorms: StepNorms } {
  checkCell(fn, cell);
  if (!rec || typeof rec !== "object" || !Array.isArray((rec as CheckpointRecord).entering)) throw argError(fn, "rec", "the record checkpointedForward returned", rec);
  const { T, B, I, H, every: k, entering } = rec;
  const hasC = cell.stateNames.includes("c");
  // the whole sequence's checks up front (time steps named over all T), and the gradient entering the last segment
  const { dh, dc } = incomingGradients(fn, dOutputs, dState, T, B, H, hasC, cell.name);
  let dState0: { h: Tensor; c?: Tensor } = hasC ? { h: new Tensor(dh, [B, H]), c: new Tensor(dc, [B, H]) } : { h: new Tensor(dh, [B, H]) };
  const dx = new Float64Array(T * B * I);
  const normsH = new Array<number>(T).fill(0);
  const normsC = hasC ? new Array<number>(T).fill(0) : undefined;
  for (let s = entering.length - 1; s >= 0; s--) {
    const t0 = s * k;
    const { xs, ms, n } = segment(rec, t0);
    const r = unroll(cell, params, xs, entering[s], ms, { fn });
    const dOut = dOutputs ? new Tensor(dOutputs.data.subarray(t0 * B * H, (t0 + n) * B * H), [n, B, H]) : null;
    const back = bptt(cell, r.caches, dOut, dState0, grads, { fn });
    dx.set(back.dx.data, t0 * B * I);
    for (let t = 0; t < n; t++) {
      normsH[t0 + t] = back.stepNorms.h[t];
      if (normsC) normsC[t0 + t] = (back.stepNorms.c as number[])[t];
    }
    dState0 = back.dState0; // ∂L/∂(the state entering this segment): the gradient carried into the one before
  }
  const stepNorms: StepNorms = { h: normsH };
  if (normsC) stepNorms.c = normsC;
  return { dx: new Tensor(dx, [T, B, I]), dState0, stepNorms };
}
