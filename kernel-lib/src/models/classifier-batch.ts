// Labelled id sequences → the padded, time-major batch a sequence classifier trains on.
import { Rng, Tensor, checkRank, checkShape, getRng } from "../tensor";
import type { Batcher } from "../train/types";
import { argError } from "../args";

/** One labelled sequence of token ids (e.g. a `SentimentExample`: `ids`, `label`). */
export interface LabeledSequence {
  ids: readonly number[];
  label: number;
}

/** A padded batch: `ids [T, B]` (0 = `<pad>` in padded steps), `mask [T, B]` (1 = real token), `labels [B]`. */
export interface ClassifierBatch {
  ids: Tensor;
  mask: Tensor;
  labels: number[];
}

/** What a classifier's `lossAndGrad`/`loss` accept: a padded batch or the examples themselves (padded on the fly). */
export type ClassifierInput = ClassifierBatch | readonly LabeledSequence[];

/**
 * Pads labelled sequences into a time-major {@link ClassifierBatch} (padding after the tokens, `padId` 0).
 * `T` is the longest sequence, cut to `maxLen` if given (keeping the first tokens).
 * @param examples B sequences, each with at least one id
 * @returns `{ ids [T, B], mask [T, B], labels [B] }`
 * @example
 * toClassifierBatch([{ ids: [5, 6, 7], label: 1 }, { ids: [8], label: 0 }]).ids.toArray(); // [[5, 8], [6, 0], [7, 0]]
 */
export function toClassifierBatch(examples: readonly LabeledSequence[], opts: { maxLen?: number; padId?: number } = {}): ClassifierBatch {
  const fn = "toClassifierBatch";
  if (Array.isArray(examples)) examples.forEach((e, b) => { if (!e || typeof e !== "object" || !Array.isArray(e.ids)) throw argError(fn, `examples[${b}]`, "{ ids: number[], label }", e); });
  if (!Array.isArray(examples) || examples.length === 0) throw new Error(`${fn}: expected a non-empty array of { ids, label }`);
  const { padId = 0 } = opts;
  const longest = examples.reduce((m, e) => Math.max(m, e.ids.length), 0);
  const T = Math.min(longest, opts.maxLen ?? longest);
  const B = examples.length;
  const ids = new Float64Array(T * B).fill(padId);
  const mask = new Float64Array(T * B);
  examples.forEach((e, b) => {
    if (!e || !Array.isArray(e.ids) || e.ids.length === 0) throw new Error(`${fn}: example ${b} must have a non-empty ids array`);
    const n = Math.min(e.ids.length, T);
    for (let t = 0; t < n; t++) {
      ids[t * B + b] = e.ids[t];
      mask[t * B + b] = 1;
    }
  });
  return { ids: new Tensor(ids, [T, B]), mask: new Tensor(mask, [T, B]), labels: examples.map((e) => e.label) };
}

/**
 * A {@link Batcher} over labelled sequences for `fit`/`evaluate`: each batch is padded to its own longest sequence.
 * @example
 * fit(model, classifierBatcher(train), { epochs: 2, batchSize: 32, optimizer });
 */
export function classifierBatcher(examples: readonly LabeledSequence[], opts: { maxLen?: number } = {}): Batcher<ClassifierBatch> {
  if (!Array.isArray(examples)) throw argError("classifierBatcher", "examples", "an array of { ids, label } examples", examples);
  return { size: examples.length, batch: (idx) => toClassifierBatch(idx.map((i) => examples[i]), opts) };
}

/** Checks and normalises a {@link ClassifierInput}: `ids [T, B]`, `mask [T, B]` (or all ones), `labels [B]`. */
export function asClassifierBatch(fn: string, input: ClassifierInput): ClassifierBatch {
  if (!input || typeof input !== "object" || (Array.isArray(input) && input.length === 0)) throw argError(fn, "batch", "an array of { ids, label } examples or a batch { ids [T, B], mask [T, B], labels [B] }", input);
  if (Array.isArray(input)) input.forEach((e, b) => { if (!e || typeof e !== "object" || Array.isArray(e) || !Array.isArray(e.ids)) throw argError(fn, `batch[${b}]`, "{ ids: number[], label }", e); });
  const batch = Array.isArray(input) ? toClassifierBatch(input as readonly LabeledSequence[]) : (input as ClassifierBatch);
  checkRank(fn, "ids", batch.ids, 2, "T, B");
  const [T, B] = batch.ids.shape;
  checkShape(fn, "mask", batch.mask, [T, B], "T, B");
  if (!Array.isArray(batch.labels) || batch.labels.length !== B) {
    throw new Error(`${fn}: labels must be [B] = [${B}], got ${Array.isArray(batch.labels) ? `[${batch.labels.length}]` : typeof batch.labels}`);
  }
  return batch;
}

/**
 * A {@link Batcher} whose items are whole batches of similar length (less padding, so fewer wasted time steps):
 * the examples are shuffled (seeded), stably sorted by length and cut into batches of `batchSize`. Train with
 * `fit(model, batcher, { batchSize: 1, … })`: `fit` then shuffles the order of the batches every epoch
 * (their contents stay fixed, and epoch means weigh every batch equally).
 * @param examples labelled sequences
 * @param batchSize examples per batch (the last batch may be smaller)
 * @example
 * fit(model, bucketedClassifierBatcher(train, 32, { rng: new Rng(0) }), { epochs: 2, batchSize: 1, optimizer });
 */
export function bucketedClassifierBatcher(examples: readonly LabeledSequence[], batchSize: number, opts: { rng?: Rng; maxLen?: number } = {}): Batcher<ClassifierBatch> {
  const fn = "bucketedClassifierBatcher";
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new Error(`${fn}: batchSize must be a positive integer, got ${batchSize}`);
  const order = (opts.rng ?? getRng()).permutation(examples.length);
  const sorted = order.map((i, k) => ({ i, k })).sort((a, b) => examples[a.i].ids.length - examples[b.i].ids.length || a.k - b.k);
  const buckets: LabeledSequence[][] = [];
  for (let s = 0; s < sorted.length; s += batchSize) buckets.push(sorted.slice(s, s + batchSize).map((e) => examples[e.i]));
  const padded = buckets.map((b) => toClassifierBatch(b, opts));
  return {
    size: padded.length,
    batch: (idx) => {
      if (idx.length !== 1) throw new Error(`${fn}: each item is already a batch; train with batchSize: 1, got a batch of ${idx.length} items`);
      return padded[idx[0]];
    },
  };
}
