// The protocol's adding-problem run: a sequence regressor at length T, early-stopped on validation MSE.
import { Rng } from "../tensor";
import { Adam } from "../optim";
import { evaluate } from "../train";
import { addingProblem } from "../data";
import { SequenceRegressor, regressionBatcher } from "../models";
import type { CellKind } from "../cells";
import { fitBestEpoch } from "./early-stopping";
import type { RunConfig, RunRecord, RunHooks } from "./protocol";
import type { History } from "../train";
import { checkAllocation, checkSize } from "../args";
import { checkCell, checkConditionKeys, checkHooks, checkRunConfig } from "./args";
import { GATE_BLOCKS } from "./sizes";

/** The budget of an adding-problem run: 2048 training, 512 validation and 512 test sequences, batches of 16, clip 1, ≤ 12 epochs (no early stop: the LSTM leaves its plateau late), best-validation epoch kept. */
export const ADDING_PROTOCOL = Object.freeze({ trainSize: 2048, validSize: 512, testSize: 512, batchSize: 16, clipNorm: 1, maxEpochs: 12, patience: 12 });

/**
 * Trains a {@link SequenceRegressor} with `config.condition = { cell, T, hidden }` on the adding problem; data from
 * `Rng(seed)` (train, validation, test), weights from `Rng(1000 + seed)`, batch order from `Rng(2000 + seed)`, so every
 * cell of one seed sees the same sequences. `val` and `test` are MSEs (lower is better; the baseline is 1/6).
 */
export function runAdding(config: RunConfig, hooks: RunHooks = {}): { record: RunRecord; model: SequenceRegressor; history: History } {
  const fn = "runAdding";
  checkRunConfig(fn, "config", config);
  checkConditionKeys(fn, "config.condition", config.condition, ["cell", "T", "hidden"]);
  const cell = checkCell(fn, "config.condition.cell", config.condition.cell);
  const T0 = checkSize(fn, "config.condition.T", config.condition.T);
  checkAllocation(fn, `config.condition.T = ${T0}`, { "the training inputs": [T0, ADDING_PROTOCOL.trainSize, 2] });
  const H = checkSize(fn, "config.condition.hidden", config.condition.hidden);
  checkAllocation(fn, `config.condition.hidden = ${H}`, { weight_hh: [GATE_BLOCKS[cell] * H, H] });
  checkHooks(fn, hooks);
  const P = ADDING_PROTOCOL;
  const T = Number(config.condition.T);
  const dataRng = new Rng(config.seed);
  const train = addingProblem(T, P.trainSize, { rng: dataRng });
  const valid = addingProblem(T, P.validSize, { rng: dataRng });
  const test = addingProblem(T, P.testSize, { rng: dataRng });
  const model = new SequenceRegressor({ cell: config.condition.cell as CellKind, inputSize: 2, hiddenSize: Number(config.condition.hidden), rng: new Rng(1000 + config.seed) });
  const mse = (d: typeof test) => evaluate(model, regressionBatcher(d.x, d.y), { batchSize: 512 }).loss;
  const r = fitBestEpoch(model, regressionBatcher(train.x, train.y), {
    ...hooks, maxEpochs: P.maxEpochs, patience: P.patience, batchSize: P.batchSize, optimizer: new Adam(model.parameters(), { lr: config.lr }),
    clipNorm: P.clipNorm, rng: new Rng(2000 + config.seed), validate: () => mse(valid), higherIsBetter: false,
  });
  return { record: { config, val: r.bestScore, test: mse(test), bestEpoch: r.bestEpoch, epochs: r.valScores.length, metrics: {} }, model, history: r.history };
}
