// The vocabulary of training: what a trainable model, a dataset, a step and an epoch look like.
import type { Module } from "../cells/types";

/** What one batch gives back: the mean loss over its examples and optional metrics (means too). */
export interface BatchResult {
  loss: number;
  metrics?: Record<string, number>;
}

/**
 * A model `fit` can train: its parameters, `zeroGrad`, and a forward + backward pass on one batch that
 * returns the batch's mean loss and ADDS the gradients into its parameters' `grad`.
 * `loss(batch)` (optional) is the forward pass alone, used by `evaluate`.
 * @example
 * const model: Trainable<Example[]> = {
 *   parameters: () => [...lstm.parameters(), ...head.parameters()],
 *   zeroGrad: () => { lstm.zeroGrad(); head.zeroGrad(); },
 *   lossAndGrad: (batch) => { … forward, loss, backward …; return { loss, metrics: { accuracy } }; },
 * };
 */
export interface Trainable<Batch> extends Module {
  lossAndGrad(batch: Batch): BatchResult;
  loss?(batch: Batch): BatchResult;
}

/** A dataset that builds its own batches (e.g. padding sequences into `[T, B, I]` tensors). */
export interface Batcher<Batch> {
  /** Number of examples. */
  size: number;
  /** The batch made of these example indices. */
  batch(indices: number[]): Batch;
}

/** Either an array of examples (a batch is then an array of them) or a {@link Batcher}. */
export type Dataset<Batch> = Batcher<Batch> | readonly unknown[];

/** One optimizer step of the history. `gradNorm` is the global L2 norm measured BEFORE clipping. */
export interface StepRecord {
  step: number;
  epoch: number;
  loss: number;
  gradNorm: number;
}

/** One epoch of the history: example-weighted means of the batch losses and metrics, and validation values. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  valLoss?: number;
  [metric: string]: number | undefined;
}

/** What `fit` returns: one record per epoch and one per step. Plain JSON, bit-identical for one seed. */
export interface History {
  epochs: EpochRecord[];
  steps: StepRecord[];
}
