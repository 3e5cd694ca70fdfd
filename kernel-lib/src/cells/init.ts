// Cell parameter initialisation as PyTorch does it, U(−1/√H, 1/√H), plus the LSTM forget-gate bias option.
import { Rng, getRng, uniform, zeros, Tensor } from "../tensor";
import { CellKind, CellParams } from "./types";
import { argError, describe } from "../args";

/** Gate blocks per cell kind: RNN 1, LSTM 4 (i, f, g, o), GRU 3 (r, z, n). */
export const CELL_GATES: Readonly<Record<CellKind, number>> = { rnn: 1, lstm: 4, gru: 3 };

/**
 * Fresh parameters for one cell, drawn like PyTorch's `reset_parameters`: every weight and bias
 * `~ U(−1/√H, 1/√H)`, in the order weight_ih, weight_hh, bias_ih, bias_hh.
 * For the LSTM, `forgetBias` (default 1, Jozefowicz et al. 2015) then sets the f block of `bias_ih`
 * to that value and the f block of `bias_hh` to 0, so the forget gate starts at `σ(forgetBias + …)`;
 * pass `forgetBias: null` to keep PyTorch's plain initialisation.
 * @param kind `"rnn" | "lstm" | "gru"`
 * @param inputSize I
 * @param hiddenSize H
 * @returns `weight_ih [G·H, I]`, `weight_hh [G·H, H]`, `bias_ih [G·H]`, `bias_hh [G·H]`
 * @example
 * const p = initCellParams("lstm", 10, 32, { rng: new Rng(0) });
 */
export function initCellParams(
  kind: CellKind, inputSize: number, hiddenSize: number,
  opts: { rng?: Rng; forgetBias?: number | null } = {},
): CellParams {
  const G = CELL_GATES[kind];
  if (G === undefined) throw new Error(`initCellParams: kind must be "rnn", "lstm" or "gru", got ${describe(kind)}`);
  for (const [name, v] of [["inputSize", inputSize], ["hiddenSize", hiddenSize]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`initCellParams: ${name} must be a positive integer, got ${v}`);
  }
  const rng = opts.rng ?? getRng();
  const H = hiddenSize;
  const k = 1 / Math.sqrt(H);
  const u = (shape: number[]) => uniform(shape, { low: -k, high: k, rng });
  const p: CellParams = {
    weight_ih: u([G * H, inputSize]),
    weight_hh: u([G * H, H]),
    bias_ih: u([G * H]),
    bias_hh: u([G * H]),
  };
  const forgetBias = opts.forgetBias === undefined ? 1 : opts.forgetBias;
  if (kind === "lstm" && forgetBias !== null) {
    if (!Number.isFinite(forgetBias)) throw new Error(`initCellParams: forgetBias must be a finite number or null, got ${forgetBias}`);
    p.bias_ih.data.fill(forgetBias, H, 2 * H);
    p.bias_hh.data.fill(0, H, 2 * H);
  }
  return p;
}

/** Zero tensors shaped like a cell's parameters (a gradient buffer). */
export function zerosLikeParams(p: CellParams): CellParams {
  if (!p || typeof p !== "object" || !["weight_ih", "weight_hh", "bias_ih", "bias_hh"].every((k) => (p as unknown as Record<string, unknown>)[k] instanceof Tensor)) {
    throw argError("zerosLikeParams", "p", "{ weight_ih, weight_hh, bias_ih, bias_hh } of Tensors", p);
  }
  return {
    weight_ih: zeros(p.weight_ih.shape),
    weight_hh: zeros(p.weight_hh.shape),
    bias_ih: zeros(p.bias_ih.shape),
    bias_hh: zeros(p.bias_hh.shape),
  };
}

/** The names of a cell's four parameters, in PyTorch's order. */
export const CELL_PARAM_NAMES = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const;
