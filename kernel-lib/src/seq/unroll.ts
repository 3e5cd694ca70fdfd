// The one time loop: runs any RecurrentCell over a time-major sequence, with padding masks, keeping every step's cache.
import { Tensor, checkFiniteFor32, checkShape, zeros } from "../tensor";
import { CellParams, CellState, RecurrentCell, cellSizes, checkCell } from "../cells";
import { checkMask, checkParamsFinite, checkSequence } from "./mask";
import { sequenceKernels } from "./kernels";
import type { StepCache, UnrollResult } from "./types";


/** A zero state `{h [B, H], c? [B, H]}` for a cell. */
export function zeroState(cell: RecurrentCell, B: number, H: number): CellState {
  checkCell("zeroState", cell);
  return cell.stateNames.includes("c") ? { h: zeros([B, H]), c: zeros([B, H]) } : { h: zeros([B, H]) };
}

/** Copies rows `b` with `mask[b] = 0` from `prev` into a copy of `next`. */
function keepMaskedRows(next: Tensor, prev: Tensor, mask: Float64Array, H: number): Tensor {
  const out = next.clone();
  for (let b = 0; b < mask.length; b++) {
    if (mask[b] === 0) out.data.set(prev.data.subarray(b * H, (b + 1) * H), b * H);
  }
  return out;
}

/**
 * Runs `cell` over `x [T, B, I]` from `state0`: `state_t = cell(x_t, state_{t−1})`, `outputs[t] = h_t`.
 * Where `mask[t, b] = 0` the step is padding: the sequence keeps its previous state and outputs zeros
 * (PyTorch packed-sequence semantics, so the final state is each sequence's state at its last real step).
 * Checks shapes, that `x`, the state and the parameters are finite (naming the time step), and the mask.
 * @param cell from `rnnCell(act)`, `lstmCell()` or `gruCell(variant)`
 * @param params `weight_ih [G·H, I]`, `weight_hh [G·H, H]`, `bias_ih [G·H]`, `bias_hh [G·H]`
 * @param x `[T, B, I]`, time-major
 * @param state0 `{h [B, H], c? [B, H]}` (default zeros)
 * @param mask `[T, B]` of 0/1 (default all 1)
 * @param opts `fn` names the caller in errors; `reuse`: the caches of an earlier result nobody reads any more (a layer's last
 *   forward), whose buffers the backend may overwrite instead of allocating new ones (states and outputs are never reused)
 * @returns `{ outputs [T, B, H], state, caches, states }`
 * @example
 * const { outputs, state } = unroll(lstmCell(), initCellParams("lstm", I, H), x);
 */
export function unroll(
  cell: RecurrentCell, params: CellParams, x: Tensor, state0?: CellState | null, mask?: Tensor | null,
  opts: { fn?: string; reuse?: StepCache[] | null } = {},
): UnrollResult {
  const fn = opts.fn ?? "unroll";
  checkCell(fn, cell);
  const { H, I } = cellSizes(fn, params, cell.gates);
  const [T, B] = checkSequence(fn, x, I);
  const m = checkMask(fn, mask, T, B);
  checkParamsFinite(fn, params);
  if (state0) {
    for (const s of cell.stateNames) {
      const t = (state0 as any)[s] as Tensor;
      checkShape(fn, `state0.${s}`, t, [B, H], "B, H");
      checkFiniteFor32(fn, `state0.${s}`, t);
    }
  }
  // the backend may run the whole sequence in one kernel (the same values up to round-off); else: step the cell
  const fused = sequenceKernels()?.unroll(cell, params, x, state0 ?? null, m, T, B, I, H, opts.reuse ?? null);
  if (fused) return fused;
  let state: CellState = state0 ?? zeroState(cell, B, H);
  const outputs = new Float64Array(T * B * H);
  const caches: StepCache[] = [];
  const states: CellState[] = [];
  for (let t = 0; t < T; t++) {
    const xt = new Tensor(x.data.subarray(t * B * I, (t + 1) * B * I), [B, I]);
    const r = cell.step(xt, state, params);
    let next = r.state;
    const mt = m ? m.subarray(t * B, (t + 1) * B) : null;
    const anyPad = mt !== null && mt.includes(0);
    if (anyPad) {
      next = { h: keepMaskedRows(next.h, state.h, mt, H) };
      if (r.state.c) next.c = keepMaskedRows(r.state.c, state.c as Tensor, mt, H);
    }
    // outputs[t] = h_t, zero where padded
    outputs.set(r.state.h.data, t * B * H);
    if (anyPad) for (let b = 0; b < B; b++) if (mt[b] === 0) outputs.fill(0, (t * B + b) * H, (t * B + b + 1) * H);
    caches.push({ cache: r.cache, mask: anyPad ? mt : null, B, H, I });
    states.push(next);
    state = next;
  }
  return { outputs: new Tensor(outputs, [T, B, H]), state, caches, states };
}
