// The checks every model constructor makes on its recurrent-cell options, so an error names the model, not a layer inside it.
import { checkInstance, checkNumber, checkOneOf, checkSize } from "../args";
import type { CellKind } from "../cells/types";
import { Rng } from "../tensor";

/** The cell options a model passes on to its recurrent layer(s). */
export interface ModelCellOptions {
  cell?: unknown;
  nonlinearity?: unknown;
  variant?: unknown;
  forgetBias?: unknown;
  rng?: unknown;
}

/**
 * Checks `cell`, the sizes named in `sizes` (positive integers a tensor can hold) and the cell options whatever the cell
 * (an option meant for another cell is still named if it is malformed), then `rng`.
 * @example checkModelOptions("CharLM", opts, { vocabSize: opts.vocabSize, embedDim: opts.embedDim, hiddenSize: opts.hiddenSize }, rng)
 * // CharLM: hiddenSize must be a positive integer, got "3" (string)
 */
export function checkModelOptions(fn: string, opts: ModelCellOptions, sizes: Record<string, unknown>, rng: unknown): CellKind {
  const cell = checkOneOf(fn, "cell", opts.cell, ["rnn", "lstm", "gru"] as const);
  for (const [k, v] of Object.entries(sizes)) checkSize(fn, k, v);
  if (opts.nonlinearity !== undefined) checkOneOf(fn, "nonlinearity", opts.nonlinearity, ["tanh", "relu", "sigmoid"] as const);
  if (opts.variant !== undefined) checkOneOf(fn, "variant", opts.variant, ["reset-after", "classic"] as const);
  if (opts.forgetBias !== undefined && opts.forgetBias !== null) checkNumber(fn, "forgetBias", opts.forgetBias);
  checkInstance(fn, "rng", rng, Rng, "an Rng (e.g. new Rng(0)) or undefined for the global one");
  return cell;
}
