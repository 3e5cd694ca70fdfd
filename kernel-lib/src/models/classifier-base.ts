// What every sequence classifier shares once its forward and backward exist: loss, training step, prediction, parameters.
import { Tensor, argmax } from "../tensor";
import type { Module, Param } from "../cells";
import type { BatchResult, Trainable } from "../train/types";
import { ClassifierInput, asClassifierBatch } from "./classifier-batch";
import { classificationLoss } from "./classifier-loss";
import { countParams } from "./classifier-count-params";

/**
 * The base of {@link SequenceClassifier} and {@link BagOfWordsClassifier}: subclasses give `forward(ids [T, B], mask) → logits [B, C]`,
 * `backward(dLogits [B, C])` (gradients ADD) and their named sub-modules; this class adds the softmax cross-entropy,
 * `lossAndGrad`/`loss` for `fit`/`evaluate` (with `metrics.accuracy`), `predict`, `parameters`, `zeroGrad`, `numParams`.
 */
export abstract class ClassifierBase implements Trainable<ClassifierInput>, Module {
  /** The class name used in error messages. */
  protected abstract readonly modelName: string;

  /**
   * The class scores of a padded batch.
   * @param ids `[T, B]` token ids
   * @param mask `[T, B]` 0/1 (1 = real token; padding after the tokens); default all ones
   * @returns logits `[B, C]`
   */
  abstract forward(ids: Tensor, mask?: Tensor | null): Tensor;

  /** Backward of the last forward; ADDS into every parameter's gradient. @param dLogits `[B, C]` */
  abstract backward(dLogits: Tensor): void;

  /** The sub-modules whose parameters are trained, by prefix (e.g. `{ embedding, rnn, head }`). */
  protected abstract modules(): Record<string, Module>;

  /** Forward, cross-entropy, backward (gradients ADD); `metrics.accuracy` is the batch accuracy. */
  lossAndGrad(input: ClassifierInput): BatchResult {
    const fn = `${this.modelName}.lossAndGrad`;
    const b = asClassifierBatch(fn, input);
    const r = classificationLoss(fn, this.forward(b.ids, b.mask), b.labels);
    this.backward(r.dLogits);
    return { loss: r.loss, metrics: { accuracy: r.accuracy } };
  }

  /** The forward pass alone: mean loss and accuracy (for `evaluate`). */
  loss(input: ClassifierInput): BatchResult {
    const fn = `${this.modelName}.loss`;
    const b = asClassifierBatch(fn, input);
    const r = classificationLoss(fn, this.forward(b.ids, b.mask), b.labels);
    return { loss: r.loss, metrics: { accuracy: r.accuracy } };
  }

  /**
   * The predicted class of each sequence, `argmax_k z_{b,k}` (ties go to the lowest index).
   * @param ids `[T, B]`
   * @param mask `[T, B]` (default all ones)
   * @returns `[B]`
   */
  predict(ids: Tensor, mask?: Tensor | null): number[] {
    return argmax(this.forward(ids, mask));
  }

  /** Every sub-module's parameters, names prefixed (`embedding.weight`, `rnn.weight_ih_l0`, `head.bias` …). */
  parameters(): Param[] {
    return Object.entries(this.modules()).flatMap(([prefix, m]) => m.parameters().map((p) => ({ ...p, name: `${prefix}.${p.name}` })));
  }

  /** Zeroes every gradient. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad.data.fill(0);
  }

  /** The number of trainable scalars (see {@link countParams}). */
  numParams(): number {
    return countParams(this);
  }
}
