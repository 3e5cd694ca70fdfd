// Sizes of recurrent layers: parameter counts and the hidden size that matches another cell's count.
import type { CellKind } from "../cells";

/** Gate blocks per cell: 1 (RNN), 3 (GRU), 4 (LSTM). */
export const GATE_BLOCKS: Readonly<Record<CellKind, number>> = Object.freeze({ rnn: 1, gru: 3, lstm: 4 });

/**
 * Parameters of one recurrent layer with PyTorch's two bias vectors: G · H · (I + H + 2).
 * @param cell "rnn" | "gru" | "lstm"; `inputSize` I; `hiddenSize` H
 * @example recurrentParams("lstm", 16, 32) // 4·32·50 = 6400
 */
export function recurrentParams(cell: CellKind, inputSize: number, hiddenSize: number): number {
  const G = GATE_BLOCKS[cell];
  if (G === undefined) throw new Error(`recurrentParams: cell must be "rnn", "gru" or "lstm", got ${cell}`);
  for (const [k, v] of [["inputSize", inputSize], ["hiddenSize", hiddenSize]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`recurrentParams: ${k} must be a positive integer, got ${v}`);
  }
  return G * hiddenSize * (inputSize + hiddenSize + 2);
}

/**
 * The hidden size H whose layer of `cell` has the recurrent parameter count closest to `target` (ties: the smaller H).
 * @example matchedHiddenSize("gru", 16, recurrentParams("lstm", 16, 32)) // 38: 6384 against 6400 (0.25 % off)
 */
export function matchedHiddenSize(cell: CellKind, inputSize: number, target: number): number {
  if (!Number.isFinite(target) || target <= 0) throw new Error(`matchedHiddenSize: target must be a positive number, got ${target}`);
  let best = 1;
  for (let H = 1; recurrentParams(cell, inputSize, H) <= 2 * target; H++) {
    if (Math.abs(recurrentParams(cell, inputSize, H) - target) < Math.abs(recurrentParams(cell, inputSize, best) - target)) best = H;
  }
  return best;
}
