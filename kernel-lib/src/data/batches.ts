// Mini-batches: seeded shuffling, fixed-size chunks, and buckets of similar length (less padding).
import { Rng, getRng } from "../tensor";

/** Options of {@link batches}. */
export interface BatchOptions {
  /** Generator for the shuffle (default: the global seeded one). */
  rng?: Rng;
  /** Shuffle the examples first (default true). */
  shuffle?: boolean;
  /** Drop the last batch if it is smaller than `batchSize` (default false). */
  dropLast?: boolean;
}

function checkBatchSize(fn: string, batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new Error(`${fn}: batchSize must be a positive integer, got ${batchSize}`);
}

/**
 * Splits `examples` into mini-batches of `batchSize` (the last may be smaller), in a seeded random order.
 * @param examples any items (e.g. encoded reviews)
 * @example
 * for (const batch of batches(train, 32, { rng: new Rng(0) })) { ... }
 */
export function batches<T>(examples: readonly T[], batchSize: number, opts: BatchOptions = {}): T[][] {
  checkBatchSize("batches", batchSize);
  const { rng = getRng(), shuffle = true, dropLast = false } = opts;
  const order = shuffle ? rng.permutation(examples.length) : examples.map((_, i) => i);
  const out: T[][] = [];
  for (let i = 0; i < order.length; i += batchSize) {
    const idx = order.slice(i, i + batchSize);
    if (dropLast && idx.length < batchSize) break;
    out.push(idx.map((j) => examples[j]));
  }
  return out;
}

/**
 * Groups examples of similar length into mini-batches (shuffled inside equal lengths, then sorted by length, chunked,
 * and the batch order shuffled), so a padded batch wastes few steps.
 * @param length the length of one example (e.g. its number of tokens)
 * @example
 * bucketByLength(train, 32, (e) => e.ids.length, { rng: new Rng(0) });
 */
export function bucketByLength<T>(examples: readonly T[], batchSize: number, length: (e: T) => number, opts: BatchOptions = {}): T[][] {
  checkBatchSize("bucketByLength", batchSize);
  const { rng = getRng(), shuffle = true, dropLast = false } = opts;
  const order = shuffle ? rng.permutation(examples.length) : examples.map((_, i) => i);
  const lens = examples.map(length);
  const sorted = order.map((i, k) => ({ i, k })).sort((a, b) => lens[a.i] - lens[b.i] || a.k - b.k).map((e) => e.i);
  const out: T[][] = [];
  for (let i = 0; i < sorted.length; i += batchSize) {
    const idx = sorted.slice(i, i + batchSize);
    if (dropLast && idx.length < batchSize) continue;
    out.push(idx.map((j) => examples[j]));
  }
  return shuffle ? rng.shuffle(out) : out;
}
