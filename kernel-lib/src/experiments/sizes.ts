// Sizes of recurrent layers: parameter counts and the hidden size that matches another cell's count.
import type { CellKind } from "../cells";
import { checkNumber, checkSize } from "../args";
import { checkCell } from "./args";

/** Gate blocks per cell: 1 (RNN), 3 (GRU), 4 (LSTM). */
export const GATE_BLOCKS: Readonly<Record<CellKind, number>> = Object.freeze({ rnn: 1, gru: 3, lstm: 4 });

/** G · H · (I + H + 2), unchecked (the search loop of {@link matchedHiddenSize}). */
const count = (G: number, I: number, H: number): number => G * H * (I + H + 2);

/** The largest target {@link matchedHiddenSize} searches up to (its loop walks H = 1, 2, … up to about √target). */
const MAX_TARGET = 1e12;

/**
 * Parameters of one recurrent layer with PyTorch's two bias vectors: G · H · (I + H + 2).
 * @param cell "rnn" | "gru" | "lstm"; `inputSize` I; `hiddenSize` H
 * @example recurrentParams("lstm", 16, 32) // 4·32·50 = 6400
 */
export function recurrentParams(cell: CellKind, inputSize: number, hiddenSize: number): number {
  const fn = "recurrentParams";
  checkCell(fn, "cell", cell);
  checkSize(fn, "inputSize", inputSize);
  checkSize(fn, "hiddenSize", hiddenSize);
  return count(GATE_BLOCKS[cell], inputSize, hiddenSize);
}

/**
 * The hidden size H whose layer of `cell` has the recurrent parameter count closest to `target` (ties: the smaller H).
 * @example matchedHiddenSize("gru", 16, recurrentParams("lstm", 16, 32)) // 38: 6384 against 6400 (0.25 % off)
 */
export function matchedHiddenSize(cell: CellKind, inputSize: number, target: number): number {
  const fn = "matchedHiddenSize";
  checkCell(fn, "cell", cell);
  checkSize(fn, "inputSize", inputSize);
  checkNumber(fn, "target", target, { above: 0, max: MAX_TARGET });
  const G = GATE_BLOCKS[cell];
  let best = 1;
  for (let H = 1; count(G, inputSize, H) <= 2 * target; H++) {
    if (Math.abs(count(G, inputSize, H) - target) < Math.abs(count(G, inputSize, best) - target)) best = H;
  }
  return best;
}
