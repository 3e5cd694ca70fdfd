// The benchmark's workloads: one training step = forward over the sequence, a loss on the outputs, full BPTT.

/** Sizes of one workload; sequences are time-major `[T, B, I]`. */
export interface Workload {
  id: string;
  kind: "RNN" | "LSTM" | "GRU";
  B: number;
  T: number;
  I: number;
  H: number;
  /** what the row is for, printed in the table */
  note: string;
}

export const WORKLOADS: readonly Workload[] = [
  { id: "W1", kind: "LSTM", B: 32, T: 50, I: 32, H: 128, note: "LSTM b32 T50 i32 h128" },
  { id: "W2", kind: "GRU", B: 32, T: 50, I: 32, H: 128, note: "GRU  b32 T50 i32 h128" },
  { id: "W2b", kind: "RNN", B: 32, T: 50, I: 32, H: 128, note: "RNN  b32 T50 i32 h128" },
  { id: "W3", kind: "LSTM", B: 64, T: 100, I: 128, H: 512, note: "LSTM b64 T100 i128 h512" },
  { id: "W4", kind: "LSTM", B: 1, T: 20, I: 8, H: 16, note: "LSTM b1 T20 i8 h16" },
];

/** Gate count G: the weights are `[G·H, I]` and `[G·H, H]`. */
export const GATES = { RNN: 1, GRU: 3, LSTM: 4 } as const;

/**
 * Matrix-multiply floating-point operations of one training step: the forward gate products
 * `2·B·(I+H)·G·H` per step, and twice that backward (input/state gradients and weight gradients).
 */
export function stepFlops(w: Workload): number {
  return 3 * 2 * w.B * (w.I + w.H) * GATES[w.kind] * w.H * w.T;
}
