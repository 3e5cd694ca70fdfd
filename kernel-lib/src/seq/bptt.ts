// Backpropagation through time: walks the unroll's caches backwards, summing parameter gradients over the steps.
import { Tensor, checkFiniteFor32, checkShape } from "../tensor";
import { argError } from "../args";
import { CellParams, CellStateGrad, RecurrentCell, checkCell } from "../cells";
import { sequenceKernels } from "./kernels";
import type { BpttResult, StepCache, StepNorms } from "./types";


/**
 * Checks the gradients arriving at a backward pass through time and returns the buffers it carries back:
 * `dOutputs` must be `[T, B, H]` and finite; `dState.h` (and `dState.c`, only for a cell with a cell state) `[B, H]`
 * are copied into fresh `dh`, `dc` `[B, H]` (zeros where missing). Shared by {@link bptt} and the LSTM layer's tape backward.
 * @param cellName names the cell in the error for a `dState.c` given to a cell without one
 * @returns `{ dh [B, H], dc [B, H] }`
 */
export function incomingGradients(
  fn: string, dOutputs: Tensor | null | undefined, dState: CellStateGrad | null | undefined,
  T: number, B: number, H: number, hasC: boolean, cellName: string,
): { dh: Float64Array; dc: Float64Array } {
  if (dOutputs !== null && dOutputs !== undefined) {
    checkShape(fn, "dOutputs", dOutputs, [T, B, H], "T, B, H");
    checkFiniteFor32(fn, "dOutputs", dOutputs, 0);
  }
  const dh = new Float64Array(B * H);
  const dc = new Float64Array(B * H);
  if (dState !== undefined && dState !== null && (typeof dState !== "object" || dState instanceof Tensor)) {
    throw argError(fn, "dState", `{ h?: [B, H]${hasC ? ", c?: [B, H]" : ""} } or null`, dState);
  }
  if (dState?.h) { checkShape(fn, "dState.h", dState.h, [B, H], "B, H"); checkFiniteFor32(fn, "dState.h", dState.h); dh.set(dState.h.data); }
  if (dState?.c) {
    if (!hasC) throw new Error(`${fn}: dState.c was given but a ${cellName} cell has no cell state`);
    checkShape(fn, "dState.c", dState.c, [B, H], "B, H");
    checkFiniteFor32(fn, "dState.c", dState.c);
    dc.set(dState.c.data);
  }
  return { dh, dc };
}

/** Checks a gradient record has the shapes of the cell's parameters (`G·H × I`, `G·H × H`, `G·H`, `G·H`), axis by axis. */
export function checkGradBuffers(fn: string, grads: CellParams, G: number, H: number, I: number): void {
  if (!grads || typeof grads !== "object") throw argError(fn, "grads", "{ weight_ih, weight_hh, bias_ih, bias_hh } shaped like the cell's parameters", grads);
  checkShape(fn, "grads.weight_ih", grads.weight_ih, [G * H, I], "G·H, I");
  checkShape(fn, "grads.weight_hh", grads.weight_hh, [G * H, H], "G·H, H");
  checkShape(fn, "grads.bias_ih", grads.bias_ih, [G * H], "G·H");
  checkShape(fn, "grads.bias_hh", grads.bias_hh, [G * H], "G·H");
}

function norm2(d: Float64Array): number {
  let s = 0;
  for (let k = 0; k < d.length; k++) s += d[k] * d[k];
  return Math.sqrt(s);
}

/**
 * Full backpropagation through time over the steps recorded by `unroll`. Walking t = T−1 … 0:
 * `∂L/∂h_t = dOutputs[t] + ∂L/∂h_t (from step t+1)`; the cell's backward turns it (and `∂L/∂c_t` for
 * the LSTM) into `∂L/∂x_t`, `∂L/∂h_{t−1}` (and `∂L/∂c_{t−1}`) while ADDING its parameter gradients into
 * `grads` — the same weights at every step, so their gradient is the sum over steps.
 * At a padded step (mask 0) the state was copied, so its gradient passes straight through and the
 * cell receives none; padded outputs were constant zeros, so their `dOutputs` rows are ignored.
 * @param cell the cell used in the unroll
 * @param caches `unroll(...).caches` (length T)
 * @param dOutputs `[T, B, H]` ∂L/∂outputs, or null when the loss reads only the final state
 * @param dStateFinal `{h?, c?}` ∂L/∂(final state), missing entries are zeros
 * @param grads parameter gradients, ADDED into
 * @returns `{ dx [T, B, I], dState0, stepNorms }`
 * @example
 * const { outputs, caches } = unroll(cell, p, x);
 * const { dx, stepNorms } = bptt(cell, caches, dOutputs, null, grads);
 */
export function bptt(
  cell: RecurrentCell, caches: StepCache[], dOutputs: Tensor | null | undefined, dStateFinal: CellStateGrad | null | undefined,
  grads: CellParams, opts: { fn?: string } = {},
): BpttResult {
  const fn = opts.fn ?? "bptt";
  checkCell(fn, cell);
  if (!Array.isArray(caches)) throw argError(fn, "caches", "the array of step caches unroll returned", caches);
  const T = caches.length;
  if (T === 0) throw new Error(`${fn}: no cached steps (T = 0): run a forward pass over a non-empty sequence first`);
  const { B, H, I } = caches[0];
  checkGradBuffers(fn, grads, cell.gates, H, I);
  const hasC = cell.stateNames.includes("c");
  const { dh, dc } = incomingGradients(fn, dOutputs, dStateFinal, T, B, H, hasC, cell.name);
  const normsH = new Array<number>(T).fill(0);
  const normsC = hasC ? new Array<number>(T).fill(0) : undefined;
  // the backend may run the whole sequence in one kernel (the same values up to round-off); else: step the cell back
  const fused = sequenceKernels()?.bptt(cell, caches, dOutputs ? dOutputs.data : null, dh, dc, grads, normsH, normsC, T, B, I, H);
  if (fused) {
    const dState0: { h: Tensor; c?: Tensor } = { h: new Tensor(dh, [B, H]) };
    if (hasC) dState0.c = new Tensor(dc, [B, H]);
    return { dx: fused, dState0, stepNorms: normsC ? { h: normsH, c: normsC } : { h: normsH } };
  }
  const dx = new Float64Array(T * B * I);
  for (let t = T - 1; t >= 0; t--) {
    const { cache, mask } = caches[t];
    // ∂L/∂h_t = ∂L/∂outputs[t] (real steps only) + the gradient carried back from step t+1
    if (dOutputs) {
      const o = dOutputs.data;
      for (let b = 0; b < B; b++) {
        if (mask && mask[b] === 0) continue;
        for (let j = 0; j < H; j++) dh[b * H + j] += o[(t * B + b) * H + j];
      }
    }
    normsH[t] = norm2(dh);
    // the cell's share: zero at padded rows
    let dhCell = dh, dcCell = dc;
    if (mask) {
      dhCell = dh.slice();
      dcCell = dc.slice();
      for (let b = 0; b < B; b++) if (mask[b] === 0) { dhCell.fill(0, b * H, (b + 1) * H); dcCell.fill(0, b * H, (b + 1) * H); }
    }
    const r = cell.stepBackward(
      hasC ? { h: new Tensor(dhCell, [B, H]), c: new Tensor(dcCell, [B, H]) } : { h: new Tensor(dhCell, [B, H]) },
      cache, grads,
    );
    dx.set(r.dx.data, t * B * I);
    if (normsC) {
      // ∂L/∂c_t: the cell's total (through h_t and c_{t+1}); padded rows carry dc unchanged
      const tot = (r.dcTotal as Tensor).data.slice();
      if (mask) for (let b = 0; b < B; b++) if (mask[b] === 0) tot.set(dc.subarray(b * H, (b + 1) * H), b * H);
      normsC[t] = norm2(tot);
    }
    // carry to step t−1: the cell's gradient, plus the pass-through at padded rows
    const nh = r.dState.h.data;
    const nc = hasC ? (r.dState.c as Tensor).data : null;
    for (let b = 0; b < B; b++) {
      const pad = mask !== null && mask[b] === 0;
      for (let j = 0; j < H; j++) {
        const k = b * H + j;
        dh[k] = pad ? dh[k] + nh[k] : nh[k];
        if (nc) dc[k] = pad ? dc[k] + nc[k] : nc[k];
      }
    }
  }
  const dState0: { h: Tensor; c?: Tensor } = { h: new Tensor(dh, [B, H]) };
  if (hasC) dState0.c = new Tensor(dc, [B, H]);
  const stepNorms: StepNorms = { h: normsH };
  if (normsC) stepNorms.c = normsC;
  return { dx: new Tensor(dx, [T, B, I]), dState0, stepNorms };
}
