// Early stopping: train with `fit`, score the validation split after every epoch, keep (and restore) the best epoch's weights.
import type { Param } from "../cells";
import type { Dataset, FitOptions, History, Trainable } from "../train";
import { fitNamed } from "../train/fit";
import { checkBoolean, checkFunction, checkInt, checkOptions } from "../args";

const OPTION_NAMES = ["maxEpochs", "patience", "validate", "higherIsBetter", "batchSize", "optimizer", "clipNorm", "clipValue", "rng", "shuffle", "dropLast", "metrics", "onStep", "onEpoch"];

/** Options of {@link fitBestEpoch}: `fit`'s, with `maxEpochs` and `patience` instead of `epochs`. */
export interface EarlyStoppingOptions<Batch> extends Omit<FitOptions<Batch>, "epochs" | "validation"> {
  /** The most epochs to train. */
  maxEpochs: number;
  /** Stop after this many epochs without a new best validation score. */
  patience: number;
  /** The validation score of the model as it is now (e.g. accuracy on the validation split). */
  validate: () => number;
  /** true (default) when a larger score is better. */
  higherIsBetter?: boolean;
}

/** What {@link fitBestEpoch} returns; the model holds the weights of `bestEpoch` afterwards. */
export interface EarlyStoppingResult {
  history: History;
  /** Validation score after each epoch trained. */
  valScores: number[];
  /** 1-based epoch of the best validation score (the first one on ties). */
  bestEpoch: number;
  bestScore: number;
}

/**
 * Trains `model` with {@link fit} for at most `maxEpochs` epochs; after each epoch computes `validate()`, copies the
 * parameters when the score is a strict new best, and stops when `patience` epochs pass without one. The best epoch's
 * parameters are written back into the model before returning, so what is tested is the best-validation checkpoint.
 * @example
 * const r = fitBestEpoch(model, train, { maxEpochs: 20, patience: 4, batchSize: 1, optimizer, rng,
 *   validate: () => accuracyOn(model, valid) });
 */
export function fitBestEpoch<Batch>(model: Trainable<Batch>, data: Dataset<Batch>, opts: EarlyStoppingOptions<Batch>): EarlyStoppingResult {
  const fn = "fitBestEpoch";
  if (!model || typeof model.lossAndGrad !== "function" || typeof model.parameters !== "function") {
    throw new Error(`${fn}: model must implement Trainable { parameters(), zeroGrad(), lossAndGrad(batch) }`);
  }
  // fit's epochs and validation are replaced by maxEpochs and validate: given here they would be ignored, so they are refused
  const { maxEpochs, patience, validate, higherIsBetter = true, onEpoch, ...rest } = checkOptions(fn, "opts", opts ?? null, OPTION_NAMES);
  checkInt(fn, "maxEpochs", maxEpochs, { min: 1 });
  checkInt(fn, "patience", patience, { min: 1 });
  checkFunction(fn, "validate", validate);
  checkBoolean(fn, "higherIsBetter", higherIsBetter);
  if (onEpoch !== undefined) checkFunction(fn, "onEpoch", onEpoch);
  const params: Param[] = model.parameters();
  const valScores: number[] = [];
  let bestEpoch = 0;
  let bestScore = NaN;
  let best: Float64Array[] = [];
  const history = fitNamed(fn, model, data, {
    ...rest,
    epochs: maxEpochs,
    onEpoch: (e, h) => {
      const score = validate();
      if (!Number.isFinite(score)) throw new Error(`${fn}: validate() returned ${score} after epoch ${e.epoch}`);
      valScores.push(score);
      e.valScore = score;
      if (bestEpoch === 0 || (higherIsBetter ? score > bestScore : score < bestScore)) {
        bestEpoch = e.epoch;
        bestScore = score;
        best = params.map((p) => Float64Array.from(p.value.data));
      }
      if (onEpoch?.(e, h) === false) return false;
      return e.epoch - bestEpoch < patience;
    },
  });
  params.forEach((p, i) => p.value.data.set(best[i]));
  return { history, valScores, bestEpoch, bestScore };
}
