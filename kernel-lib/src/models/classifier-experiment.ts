// One recipe for the sentiment experiments (notebook 06 and its claims test): build a classifier by kind, train it, score subsets.
import { Rng } from "../tensor";
import { Adam } from "../optim";
import { History, StepRecord, EpochRecord, evaluate, fit } from "../train";
import { BagOfWordsClassifier } from "./bag-of-words";
import { SequenceClassifier } from "./classifier";
import { LabeledSequence, bucketedClassifierBatcher, classifierBatcher } from "./classifier-batch";
import { argError, checkOneOf, checkOptions } from "../args";

/** The four models compared: the order-blind baseline and the three recurrent cells. */
export type ClassifierKind = "bow" | "rnn" | "lstm" | "gru";

/** Sizes and training settings shared by every model of a comparison. */
export interface ClassifierRecipe {
  embedDim: number;
  hiddenSize: number;
  batchSize: number;
  epochs: number;
  /** Adam's learning rate. */
  lr: number;
  /** Global gradient-norm clipping. */
  clipNorm: number;
}

/** The small, fast recipe of notebook 06: E = 16, H = 32, batches of 32 similar-length reviews, Adam 0.02, clip 5, 3 epochs. */
export const SENTIMENT_RECIPE: Readonly<ClassifierRecipe> = Object.freeze({ embedDim: 16, hiddenSize: 32, batchSize: 32, epochs: 3, lr: 0.02, clipNorm: 5 });

/**
 * A fresh classifier of a kind: `"bow"` → {@link BagOfWordsClassifier} (mean of embeddings), otherwise a
 * {@link SequenceClassifier} with that cell; sizes from the recipe, weights from `rng`.
 */
export function makeClassifier(kind: ClassifierKind, vocabSize: number, numClasses: number, rng: Rng, recipe: ClassifierRecipe = SENTIMENT_RECIPE): SequenceClassifier | BagOfWordsClassifier {
  if (kind === "bow") return new BagOfWordsClassifier({ vocabSize, numClasses, embedDim: recipe.embedDim, rng });
  checkOneOf("makeClassifier", "kind", kind, ["bow", "rnn", "lstm", "gru"] as const);
  return new SequenceClassifier({ cell: kind, vocabSize, embedDim: recipe.embedDim, hiddenSize: recipe.hiddenSize, numClasses, rng });
}

/** Options of {@link trainClassifier}. */
export interface TrainClassifierOptions {
  vocabSize: number;
  numClasses?: number;
  /** One seed → the weights, the length buckets and the batch order (default 0). */
  seed?: number;
  recipe?: ClassifierRecipe;
  onStep?: (s: StepRecord) => void | boolean;
  onEpoch?: (e: EpochRecord, h: History) => void | boolean;
}

/**
 * Builds a classifier of `kind` from `seed` and trains it with `fit` on length-bucketed batches (Adam, clipping) per the recipe.
 * `seconds` is the wall-clock training time: it depends on the machine and its load, unlike everything else returned.
 * @param train labelled id sequences (e.g. `SentimentExample`s)
 * @example
 * const { model, history } = trainClassifier("lstm", train, { vocabSize: vocab.size, seed: 0 });
 */
export function trainClassifier(
  kind: ClassifierKind,
  train: readonly LabeledSequence[],
  opts: TrainClassifierOptions,
): { model: SequenceClassifier | BagOfWordsClassifier; history: History; seconds: number } {
  checkOneOf("trainClassifier", "kind", kind, ["rnn", "lstm", "gru", "bow"] as const);
  if (!Array.isArray(train)) throw argError("trainClassifier", "train", "an array of { ids, label } examples", train);
  const { vocabSize, numClasses = 2, seed = 0, recipe = SENTIMENT_RECIPE } = checkOptions("trainClassifier", "opts", opts ?? null);
  const rng = new Rng(seed);
  const model = makeClassifier(kind, vocabSize, numClasses, rng, recipe);
  const batches = bucketedClassifierBatcher(train, recipe.batchSize, { rng });
  const t0 = performance.now();
  const history = fit(model, batches, {
    epochs: recipe.epochs,
    batchSize: 1, // each item of the bucketed batcher is a whole batch
    optimizer: new Adam(model.parameters(), { lr: recipe.lr }),
    clipNorm: recipe.clipNorm,
    rng,
    onStep: opts.onStep,
    onEpoch: opts.onEpoch,
  });
  return { model, history, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Accuracy of a trained classifier on labelled sequences (batches of 64, in order); NaN for an empty set.
 * @example
 * accuracyOn(model, test.filter((e) => e.phenomena.includes("negation")));
 */
export function accuracyOn(model: SequenceClassifier | BagOfWordsClassifier, examples: readonly LabeledSequence[]): number {
  if (!(model instanceof SequenceClassifier) && !(model instanceof BagOfWordsClassifier)) throw argError("accuracyOn", "model", "a SequenceClassifier or BagOfWordsClassifier", model);
  if (!Array.isArray(examples)) throw argError("accuracyOn", "examples", "an array of { ids, label } examples", examples);
  if (examples.length === 0) return NaN;
  return evaluate(model, classifierBatcher(examples), { batchSize: 64 }).accuracy;
}
