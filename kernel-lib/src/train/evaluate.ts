// Evaluating a model on a dataset without training: the example-weighted mean loss and metrics.
import { BatchResult, Dataset, Trainable } from "./types";
import { WeightedMeans, asBatcher, batchIndices } from "./batches";

/**
 * The example-weighted mean loss and metrics of `model` over `data`, in order, in batches of `batchSize`
 * (default 64). Uses `model.loss(batch)` when present; otherwise `lossAndGrad` followed by `zeroGrad()`
 * (so gradients are cleared).
 * @example
 * const { loss, accuracy } = evaluate(model, testSet);
 */
export function evaluate<Batch>(model: Trainable<Batch>, data: Dataset<Batch>, opts: { batchSize?: number } = {}): { loss: number; [metric: string]: number } {
  const fn = "evaluate";
  const batcher = asBatcher(fn, data);
  const batchSize = opts.batchSize ?? 64;
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new Error(`${fn}: batchSize must be a positive integer, got ${batchSize}`);
  if (batcher.size === 0) throw new Error(`${fn}: data is empty`);
  const acc = new WeightedMeans();
  const order = Array.from({ length: batcher.size }, (_, i) => i);
  for (const idx of batchIndices(order, batchSize)) {
    const batch = batcher.batch(idx);
    let r: BatchResult;
    if (model.loss) {
      r = model.loss(batch);
    } else {
      r = model.lossAndGrad(batch);
      model.zeroGrad();
    }
    acc.add(idx.length, { loss: r.loss, ...(r.metrics ?? {}) });
  }
  return acc.means() as { loss: number; [metric: string]: number };
}
