// The time loop's level of the backend seam: a backend may run a whole sequence of a built-in cell in one kernel. This file
// names no backend; with none installed (`rl.setBackend("reference")`) `unroll` and `bptt` step the cells themselves.
import type { Tensor } from "../tensor";
import type { CellParams, CellState, RecurrentCell } from "../cells";
import type { StepCache, UnrollResult } from "./types";

/**
 * A backend's sequence kernels. Each may decline (return null) for a cell or a record it does not run; the time loop then
 * steps the cell. Inputs arrive checked (shapes, finite values, mask); results must equal stepping the cell up to round-off.
 */
export interface SequenceKernels {
  /**
   * The forward of `unroll` over `x [T, B, I]` from `state0` (null = zeros) with mask data `m [T·B]` (null = all real).
   * @param reuse caches of an earlier result nobody reads any more, whose buffers the kernel may overwrite
   */
  unroll(cell: RecurrentCell, p: CellParams, x: Tensor, state0: CellState | null, m: Float64Array | null,
    T: number, B: number, I: number, H: number, reuse: StepCache[] | null): UnrollResult | null;
  /**
   * The backward of `bptt` over `caches`: `dh`, `dc` `[B, H]` hold ∂L/∂(final state) on entry and ∂L/∂state0 on exit,
   * `normsH`/`normsC` (length T) are written, parameter gradients ADDED into `grads`; returns `dx [T, B, I]`.
   */
  bptt(cell: RecurrentCell, caches: StepCache[], dOut: Float64Array | null, dh: Float64Array, dc: Float64Array, grads: CellParams,
    normsH: number[], normsC: number[] | undefined, T: number, B: number, I: number, H: number): Tensor | null;
}

let active: SequenceKernels | null = null;

/** The installed sequence kernels, or null (the time loop steps the cells). */
export function sequenceKernels(): SequenceKernels | null {
  return active;
}

/** Installs a backend's sequence kernels (called by `setBackend`, not by users). */
export function installSequenceKernels(k: SequenceKernels | null): void {
  active = k;
}
