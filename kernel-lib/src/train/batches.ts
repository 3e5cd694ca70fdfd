// Cutting a dataset into batches: seeded shuffling per epoch and the example-weighted running means.
import type { Batcher, Dataset } from "./types";

/** The dataset's size and a function building the batch of given example indices. */
export function asBatcher<Batch>(fn: string, data: Dataset<Batch>): Batcher<Batch> {
  if (Array.isArray(data)) {
    const arr = data as readonly unknown[];
    return { size: arr.length, batch: (idx) => idx.map((i) => arr[i]) as unknown as Batch };
  }
  const b = data as Batcher<Batch>;
  if (!b || typeof b.batch !== "function" || !Number.isInteger(b.size)) {
    throw new Error(`${fn}: data must be an array of examples or a Batcher { size, batch(indices) }`);
  }
  return b;
}

/** Splits `order` into consecutive batches of `batchSize` (the last may be smaller unless `dropLast`). */
export function batchIndices(order: number[], batchSize: number, dropLast = false): number[][] {
  const out: number[][] = [];
  for (let s = 0; s < order.length; s += batchSize) {
    const idx = order.slice(s, s + batchSize);
    if (dropLast && idx.length < batchSize) break;
    out.push(idx);
  }
  return out;
}

/** Accumulates example-weighted means of the loss and each metric over batches. */
export class WeightedMeans {
  private sums: Record<string, number> = {};
  private count = 0;

  /** Adds a batch of `n` examples whose mean values are `values`. */
  add(n: number, values: Record<string, number>): void {
    this.count += n;
    for (const [k, v] of Object.entries(values)) this.sums[k] = (this.sums[k] ?? 0) + n * v;
  }

  /** The means so far (NaN-free: an empty accumulator gives {}). */
  means(): Record<string, number> {
    const out: Record<string, number> = {};
    if (this.count === 0) return out;
    for (const [k, s] of Object.entries(this.sums)) out[k] = s / this.count;
    return out;
  }
}
