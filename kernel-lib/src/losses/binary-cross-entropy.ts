// Binary cross-entropy on logits (stable for any logit), with an optional mask, and its gradient.
import { Tensor, checkFinite } from "../tensor";
import { RowMask, elementwiseMean } from "./mask";

/**
 * Binary cross-entropy on logits `z` with targets `y ∈ [0, 1]`:
 * `L = (1/M) Σ_i m_i (max(z_i, 0) − z_i y_i + log(1 + e^{−|z_i|}))` (the stable form of
 * `−y log σ(z) − (1 − y) log(1 − σ(z))`), and `∂L/∂z_i = m_i (σ(z_i) − y_i) / M`, `M = Σ m_i`
 * over elements. Matches `torch.nn.BCEWithLogitsLoss()`.
 * @param logits any shape, e.g. `[N, 1]` or `[T, B, 1]`
 * @param targets the shape of `logits`, values in [0, 1]
 * @param opts.mask 0/1 per element, or per leading-axes row (`[T, B]` for logits `[T, B, D]`)
 * @example
 * binaryCrossEntropyWithLogits(tensor([0]), tensor([1])).loss; // log 2
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, targets: Tensor, opts: { mask?: RowMask } = {}): { loss: number; dLogits: Tensor } {
  const fn = "binaryCrossEntropyWithLogits";
  const { loss, grad } = elementwiseMean(fn, ["logits", "targets"], logits, targets, opts.mask, (z, y) => {
    if (!(y >= 0 && y <= 1)) throw new Error(`${fn}: targets must lie in [0, 1], got ${y}`);
    const sig = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    return [Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))), sig - y];
  });
  checkFinite(fn, "logits", logits);
  return { loss, dLogits: grad };
}
