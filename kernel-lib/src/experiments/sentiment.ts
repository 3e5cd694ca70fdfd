// The protocol's sentiment run: one classifier (bag of words or a recurrent cell), early-stopped on validation accuracy.
import { Rng } from "../tensor";
import { Adam } from "../optim";
import { SENTIMENT_RECIPE, makeClassifier, accuracyOn, ClassifierKind, SequenceClassifier, BagOfWordsClassifier, bucketedClassifierBatcher, toClassifierBatch } from "../models";
import type { SentimentExample } from "../data";
import { fitBestEpoch } from "./early-stopping";
import type { RunConfig, RunRecord, RunHooks } from "./protocol";
import type { History } from "../train";
import { argError, checkAllocation, checkArray, checkIds, checkObject, checkOneOf, checkSize } from "../args";
import { checkConditionKeys, checkHooks, checkRunConfig } from "./args";
import { GATE_BLOCKS } from "./sizes";

/** The sentiment splits: non-empty arrays of examples `{ ids, label, lang, phenomena }`, ids below `vocabSize`. */
function checkSentimentSplits(fn: string, name: string, v: unknown): SentimentSplits {
  const d = checkObject<SentimentSplits>(fn, name, v, "{ train, valid, test, vocabSize } (from sentimentSplits)");
  checkSize(fn, `${name}.vocabSize`, d.vocabSize);
  for (const split of ["train", "valid", "test"] as const) {
    checkArray<SentimentExample>(fn, `${name}.${split}`, d[split], 1).forEach((e, i) => {
      const at = `${name}.${split}[${i}]`;
      checkObject(fn, at, e, "{ ids, label, lang, phenomena } (a SentimentExample)");
      checkIds(fn, `${at}.ids`, e.ids, d.vocabSize);
      checkOneOf(fn, `${at}.label`, e.label, [0, 1]);
      checkOneOf(fn, `${at}.lang`, e.lang, ["en", "it"]);
      checkArray(fn, `${at}.phenomena`, e.phenomena);
    });
  }
  return d;
}

/** The three splits and the vocabulary size (from `loadSentiment`). */
export interface SentimentSplits { train: SentimentExample[]; valid: SentimentExample[]; test: SentimentExample[]; vocabSize: number }

/** The budget of a sentiment run: E = 16, batches of 64 similar-length reviews, clipping at 5, at most 15 epochs, patience 3. */
export const SENTIMENT_PROTOCOL = Object.freeze({ embedDim: 16, batchSize: 64, clipNorm: 5, maxEpochs: 15, patience: 3 });

/** The test subsets a sentiment record reports: each phenomenon tag and each language. */
export const SENTIMENT_CATEGORIES = ["plain", "negation", "double_negation", "contrast", "long_range", "en", "it"] as const;

/**
 * Trains the classifier of `config.condition` (`{ model: "bow" | "rnn" | "lstm" | "gru", hidden: H }`) with Adam at
 * `config.lr`, weights, buckets and batch order from `Rng(config.seed)`, keeps the epoch of best validation accuracy,
 * and scores it: `test` is the test accuracy, `metrics` the accuracy per {@link SENTIMENT_CATEGORIES}.
 * One config gives the same record, bit for bit, on every run.
 * @example runSentiment(data, { condition: { model: "gru", hidden: 38 }, lr: 0.01, seed: 0 })
 */
export function runSentiment(data: SentimentSplits, config: RunConfig, hooks: RunHooks = {}): { record: RunRecord; model: SequenceClassifier | BagOfWordsClassifier; history: History } {
  const fn = "runSentiment";
  checkSentimentSplits(fn, "data", data);
  checkRunConfig(fn, "config", config);
  checkConditionKeys(fn, "config.condition", config.condition, ["model", "hidden"]);
  const kind = checkOneOf(fn, "config.condition.model", config.condition.model, ["bow", "rnn", "lstm", "gru"] as const) as ClassifierKind;
  if (kind === "bow") {
    // the bag of words has no hidden layer: hidden is absent or 0 (as in the stored records)
    if (config.condition.hidden !== undefined && config.condition.hidden !== 0) throw argError(fn, "config.condition.hidden", '0 or absent for model "bow" (it has no hidden layer)', config.condition.hidden);
  } else {
    const H = checkSize(fn, "config.condition.hidden", config.condition.hidden);
    checkAllocation(fn, `config.condition.hidden = ${H}`, { weight_hh: [GATE_BLOCKS[kind] * H, H] });
  }
  checkHooks(fn, hooks);
  const hidden = Number(config.condition.hidden);
  const P = SENTIMENT_PROTOCOL;
  const rng = new Rng(config.seed);
  const model = makeClassifier(kind, data.vocabSize, 2, rng, { ...SENTIMENT_RECIPE, embedDim: P.embedDim, hiddenSize: hidden, lr: config.lr });
  const batches = bucketedClassifierBatcher(data.train, P.batchSize, { rng });
  const r = fitBestEpoch(model, batches, {
    ...hooks, maxEpochs: P.maxEpochs, patience: P.patience, batchSize: 1, optimizer: new Adam(model.parameters(), { lr: config.lr }),
    clipNorm: P.clipNorm, rng, validate: () => accuracyOn(model, data.valid),
  });
  const metrics: Record<string, number> = {};
  for (const c of SENTIMENT_CATEGORIES) {
    metrics[c] = accuracyOn(model, data.test.filter((e) => (c === "en" || c === "it" ? e.lang === c : e.phenomena.includes(c))));
  }
  const record: RunRecord = { config, val: r.bestScore, test: accuracyOn(model, data.test), bestEpoch: r.bestEpoch, epochs: r.valScores.length, metrics };
  return { record, model, history: r.history };
}

/**
 * P(positive) after each word of `ids`: the classifier applied to every prefix ids[0..t], t = 0 … n − 1
 * (a recurrent model's state after word t; for the bag of words, the mean of the first t + 1 embeddings).
 */
export function prefixPositive(model: SequenceClassifier | BagOfWordsClassifier, ids: readonly number[]): number[] {
  const fn = "prefixPositive";
  if (!(model instanceof SequenceClassifier || model instanceof BagOfWordsClassifier)) throw argError(fn, "model", "a SequenceClassifier or a BagOfWordsClassifier", model);
  if (model.head.outputSize !== 2) throw new Error(`${fn}: model must be a classifier of 2 classes (negative, positive), got one of ${model.head.outputSize}`);
  checkIds(fn, "ids", ids, model instanceof BagOfWordsClassifier ? model.vocabSize : model.embedding.numEmbeddings);
  return ids.map((_, t) => {
    const z = model.forward(toClassifierBatch([{ ids: ids.slice(0, t + 1), label: 0 }]).ids).toArray() as number[][];
    return 1 / (1 + Math.exp(z[0][0] - z[0][1]));
  });
}
