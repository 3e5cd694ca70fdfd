// The classification read-out shared by the sequence classifiers: cross-entropy on [B, C] logits and accuracy.
import { Tensor, checkRank } from "../tensor";
import { accuracy, softmaxCrossEntropy } from "../losses";

/** The mean loss over the batch, its gradient with respect to the logits, and the batch accuracy. */
export interface ClassificationLoss {
  loss: number;
  dLogits: Tensor;
  accuracy: number;
}

/**
 * `L = (1/B) Σ_b (logSumExp(z_b) − z_{b, y_b})` with `∂L/∂z = (softmax(z) − onehot(y)) / B`, and the accuracy.
 * @param logits `[B, C]`
 * @param labels `[B]` class indices in `[0, C)`
 */
export function classificationLoss(fn: string, logits: Tensor, labels: readonly number[]): ClassificationLoss {
  checkRank(fn, "logits", logits, 2, "B, C");
  const { loss, dLogits } = softmaxCrossEntropy(logits, labels);
  return { loss, dLogits, accuracy: accuracy(logits, labels) };
}
