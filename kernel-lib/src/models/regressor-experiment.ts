// One recipe for the adding-problem experiments (notebook 08 and its claims test): build a regressor by cell, train it, score it.
import { Rng } from "../tensor";
import { Adam } from "../optim";
import { EpochRecord, History, StepRecord, evaluate, fit } from "../train";
import { addingProblem } from "../data";
import { SequenceRegressor, regressionBatcher } from "./regressor";
import { checkOneOf, checkOptions } from "../args";

/** Sizes and training settings of an adding-problem run. */
export interface AddingRecipe {
  hiddenSize: number;
  /** Training sequences (drawn once per run from the seed). */
  trainSize: number;
  /** Held-out sequences for the final error. */
  testSize: number;
  batchSize: number;
  epochs: number;
  /** Adam's learning rate. */
  lr: number;
  /** Global gradient-norm clipping. */
  clipNorm: number;
}

/** The small recipe of notebook 08: H = 16, 2048 training sequences, batches of 16, 10 epochs (1280 steps), Adam 0.02, clip 1. */
export const ADDING_RECIPE: Readonly<AddingRecipe> = Object.freeze({ hiddenSize: 16, trainSize: 2048, testSize: 512, batchSize: 16, epochs: 10, lr: 0.02, clipNorm: 1 });

/** Options of {@link trainAddingRegressor}. */
export interface TrainAddingOptions {
  /** One seed → the data, the weights and the batch order (default 0). */
  seed?: number;
  recipe?: AddingRecipe;
  onStep?: (s: StepRecord) => void | boolean;
  onEpoch?: (e: EpochRecord, h: History) => void | boolean;
}

/**
 * Trains a {@link SequenceRegressor} with `cell` on the adding problem of length `T` (Adam, clipping, per the recipe)
 * and returns it with its history and the MSE on fresh held-out sequences (`testMse`; the baseline of predicting 1 is 1/6).
 * Data are drawn from `Rng(seed)` (train, then test), the weights from `Rng(1000 + seed)`, the batch order from `Rng(2000 + seed)`,
 * so the three cells of one seed see the same sequences in the same order.
 * @param T sequence length
 * @example
 * const { testMse } = trainAddingRegressor("lstm", 50, { seed: 0 }); // well below ADDING_BASELINE_MSE
 */
export function trainAddingRegressor(
  cell: "rnn" | "lstm" | "gru",
  T: number,
  opts: TrainAddingOptions = {},
): { model: SequenceRegressor; history: History; testMse: number } {
  checkOneOf("trainAddingRegressor", "cell", cell, ["rnn", "lstm", "gru"] as const);
  const { seed = 0, recipe = ADDING_RECIPE } = checkOptions("trainAddingRegressor", "opts", opts);
  const dataRng = new Rng(seed);
  const train = addingProblem(T, recipe.trainSize, { rng: dataRng });
  const test = addingProblem(T, recipe.testSize, { rng: dataRng });
  const model = new SequenceRegressor({ cell, inputSize: 2, hiddenSize: recipe.hiddenSize, rng: new Rng(1000 + seed) });
  const history = fit(model, regressionBatcher(train.x, train.y), {
    epochs: recipe.epochs,
    batchSize: recipe.batchSize,
    optimizer: new Adam(model.parameters(), { lr: recipe.lr }),
    clipNorm: recipe.clipNorm,
    rng: new Rng(2000 + seed),
    onStep: opts.onStep,
    onEpoch: opts.onEpoch,
  });
  const testMse = evaluate(model, regressionBatcher(test.x, test.y), { batchSize: recipe.testSize }).loss;
  return { model, history, testMse };
}
