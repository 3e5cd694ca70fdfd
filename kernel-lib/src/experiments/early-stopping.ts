// Early stopping: train with `fit`, score the validation split after every epoch, keep (and restore) the best epoch's weights.
import type { Param } from "../cells";
import { fit, FitOptions, History, Trainable } from "../train";

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
export function fitBestEpoch<Batch>(model: Trainable<Batch>, data: Parameters<typeof fit<Batch>>[1], opts: EarlyStoppingOptions<Batch>): EarlyStoppingResult {
  const fn = "fitBestEpoch";
  const { maxEpochs, patience, validate, higherIsBetter = true, onEpoch, ...rest } = opts;
  if (!Number.isInteger(maxEpochs) || maxEpochs < 1) throw new Error(`${fn}: maxEpochs must be a positive integer, got ${maxEpochs}`);
  if (!Number.isInteger(patience) || patience < 1) throw new Error(`${fn}: patience must be a positive integer, got ${patience}`);
  if (typeof validate !== "function") throw new Error(`${fn}: validate must be a function returning a number, got ${typeof validate}`);
  const params: Param[] = model.parameters();
  const valScores: number[] = [];
  let bestEpoch = 0;
  let bestScore = NaN;
  let best: Float64Array[] = [];
  const history = fit(model, data, {
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
