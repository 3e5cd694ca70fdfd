// The records the time loop passes between its forward (`unroll`) and backward (`bptt`), shared by every cell and backend.
import type { Tensor } from "../tensor";
import type { CellState } from "../cells";

/** One time step's record for `bptt`: the cell's cache and the step's mask row (null = all real). */
export interface StepCache {
  cache: unknown;
  mask: Float64Array | null; // [B]
  B: number;
  H: number;
  I: number;
}

/** The result of `unroll`. */
export interface UnrollResult {
  /** `[T, B, H]`: h_t at every step, zeros at padded steps. */
  outputs: Tensor;
  /** The final state (per sequence: the state at its last real step). */
  state: CellState;
  /** One record per step, consumed by `bptt`. */
  caches: StepCache[];
  /** `states[t]` is the state after step t (length T; padded steps repeat the previous state). */
  states: CellState[];
}

/** Per-step gradient norms: `h[t] = ‖∂L/∂h_t‖`, `c[t] = ‖∂L/∂c_t‖` (LSTM), Frobenius over the batch. */
export interface StepNorms {
  h: number[];
  c?: number[];
}

/** The result of `bptt`. */
export interface BpttResult {
  /** `[T, B, I]`: ∂L/∂x_t (zero at padded steps). */
  dx: Tensor;
  /** ∂L/∂state0: `{h [B, H], c? [B, H]}`. */
  dState0: { h: Tensor; c?: Tensor };
  /** The vanishing/exploding-gradient raw material, one entry per step. */
  stepNorms: StepNorms;
}
