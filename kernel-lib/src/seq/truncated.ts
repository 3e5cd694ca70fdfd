// Truncated BPTT (Williams & Peng's BPTT(k1, k2)): k1 steps forward per update, k2 steps back, state carried across chunks.
import { Tensor, checkShape, zeros } from "../tensor";
import { CellParams, CellState, RecurrentCell, cellSizes, checkCell } from "../cells";
import { unroll } from "./unroll";
import type { StepCache, StepNorms } from "./types";
import { bptt } from "./bptt";
import { checkMask, checkSequence } from "./mask";
import { checkFunction, checkOptions } from "../args";

/**
 * The loss of one chunk of outputs: returns the loss and ∂loss/∂outputs.
 * @param outputs `[t1 − t0, B, H]`, the hidden states of steps `t0 … t1−1`
 */
export type ChunkLoss = (outputs: Tensor, t0: number, t1: number) => { loss: number; dOutputs: Tensor };

/** What {@link truncatedBptt} reports after each update's backward pass. */
export interface TruncatedUpdate {
  /** 0, 1, 2, … */
  index: number;
  /** The chunk's steps `[t0, t1)` (forward) … */
  t0: number;
  t1: number;
  /** … and the first step the backward pass reached (`max(0, t1 − k2)`). */
  tBack: number;
  /** The chunk's loss. */
  loss: number;
  /** The gradient buffers the backward ADDED into (step an optimizer and zero them here). */
  grads: CellParams;
  /** `[t1 − tBack, B, I]`: ∂(chunk loss)/∂x for steps `tBack … t1−1` (for an embedding below). */
  dx: Tensor;
  /** Per-step gradient norms of this backward window. */
  stepNorms: StepNorms;
}

/** Options of {@link truncatedBptt}. */
export interface TruncatedBpttOptions {
  /** Forward steps per update (≥ 1). */
  k1: number;
  /** Steps the backward pass reaches back (≥ 1); losses older than k2 steps are not differentiated. */
  k2: number;
  /** Gradient buffers, ADDED into (zero them in `onUpdate` after an optimizer step). */
  grads: CellParams;
  state0?: CellState | null;
  mask?: Tensor | null;
  /** Called after each update's backward pass. */
  onUpdate?: (u: TruncatedUpdate) => void;
}

/**
 * Truncated backpropagation through time, BPTT(k1, k2) (Williams & Peng 1990; Sutskever 2013, §2.8):
 * run k1 steps forward from the carried state, take the chunk's loss, and backpropagate it through the
 * last k2 steps (reaching into earlier chunks when k2 > k1); the state before that window is treated as a
 * constant (detached). Then carry the final state into the next chunk. Parameters may change between
 * updates (an optimizer step in `onUpdate`); cached steps of earlier chunks keep their activations.
 * `k1 = k2 = T` is full BPTT; with no parameter update between chunks, `k2 ≥ T` and any k1 sums to the
 * full-BPTT gradient.
 * @param cell the recurrent cell
 * @param params its parameters
 * @param x `[T, B, I]`
 * @param lossFn the loss of each chunk's outputs `[t1 − t0, B, H]` and its gradient
 * @returns total loss over chunks, the final state and the number of updates
 * @example
 * truncatedBptt(lstmCell(), layer.cellParams, x, (out, t0, t1) => lossOf(out, t0, t1), {
 *   k1: 20, k2: 40, grads: layer.cellGrads, onUpdate: () => { opt.step(); opt.zeroGrad(); } });
 */
export function truncatedBptt(
  cell: RecurrentCell, params: CellParams, x: Tensor, lossFn: ChunkLoss, opts: TruncatedBpttOptions,
): { loss: number; state: CellState; updates: number } {
  const fn = "truncatedBptt";
  checkCell(fn, cell);
  checkFunction(fn, "lossFn", lossFn);
  const { k1, k2, grads } = checkOptions(fn, "opts", opts ?? null);
  for (const [name, k] of [["k1", k1], ["k2", k2]] as const) {
    if (!Number.isInteger(k) || k < 1) throw new Error(`${fn}: ${name} must be a positive integer, got ${k}`);
  }
  const { H, I } = cellSizes(fn, params, cell.gates);
  const [T, B] = checkSequence(fn, x, I);
  const m = checkMask(fn, opts.mask, T, B);
  let state = opts.state0 ?? null;
  let history: StepCache[] = [];
  let total = 0;
  let index = 0;
  for (let t0 = 0; t0 < T; t0 += k1) {
    const t1 = Math.min(T, t0 + k1);
    const n = t1 - t0;
    const xs = new Tensor(x.data.subarray(t0 * B * I, t1 * B * I), [n, B, I]);
    const ms = m ? new Tensor(m.subarray(t0 * B, t1 * B), [n, B]) : null;
    const fwd = unroll(cell, params, xs, state, ms, { fn });
    history = history.concat(fwd.caches);
    if (history.length > k2) history = history.slice(history.length - k2);
    const tBack = t1 - history.length;
    const { loss, dOutputs } = lossFn(fwd.outputs, t0, t1);
    checkShape(fn, "lossFn(...).dOutputs", dOutputs, [n, B, H], "t1 − t0, B, H");
    // the window's dOutputs: zeros for steps of earlier chunks (their losses were counted already),
    // the last min(n, k2) steps of this chunk's gradient
    const w = history.length;
    const dOut = zeros([w, B, H]);
    const keep = Math.min(n, w);
    dOut.data.set(dOutputs.data.subarray((n - keep) * B * H), (w - keep) * B * H);
    const back = bptt(cell, history, dOut, null, grads, { fn });
    total += loss;
    opts.onUpdate?.({ index, t0, t1, tBack, loss, grads, dx: back.dx, stepNorms: back.stepNorms });
    index++;
    state = fwd.state;
  }
  return { loss: total, state: state as CellState, updates: index };
}
