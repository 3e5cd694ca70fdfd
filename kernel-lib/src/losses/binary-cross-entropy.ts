// Binary cross-entropy on logits (stable for any logit), with an optional mask, and its gradient.
import { Tensor, checkFinite, fmtShape, sameShape } from "../tensor";
import { RowMask, elementMask } from "./mask";

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
  if (!(logits instanceof Tensor) || !(targets instanceof Tensor)) throw new Error(`${fn}: logits and targets must be Tensors`);
  if (!sameShape(logits.shape, targets.shape)) {
    throw new Error(`${fn}: targets must have logits' shape ${fmtShape(logits.shape)}, got ${fmtShape(targets.shape)}`);
  }
  checkFinite(fn, "logits", logits);
  for (let i = 0; i < targets.size; i++) {
    const y = targets.data[i];
    if (!(y >= 0 && y <= 1)) throw new Error(`${fn}: targets must lie in [0, 1], got ${y} at ${i}`);
  }
  const { m, width } = elementMask(fn, opts.mask, logits);
  const count = m ? m.reduce((s, v) => s + v, 0) * width : logits.size;
  const denom = Math.max(count, 1);
  const dz = new Float64Array(logits.size);
  let total = 0;
  for (let i = 0; i < logits.size; i++) {
    if (m && m[Math.floor(i / width)] === 0) continue;
    const z = logits.data[i];
    const y = targets.data[i];
    total += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    const s = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    dz[i] = (s - y) / denom;
  }
  return { loss: total / denom, dLogits: new Tensor(dz, logits.shape) };
}
