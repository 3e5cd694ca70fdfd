// Mean squared error with an optional mask, and its gradient.
import { Tensor, checkFinite, fmtShape, sameShape } from "../tensor";
import { RowMask, elementMask } from "./mask";

/**
 * Mean squared error `L = (1/M) Σ_i m_i (p_i − y_i)²`, `M = Σ m_i` over elements (all elements
 * without a mask, as `torch.nn.MSELoss()`), and its gradient `∂L/∂p_i = 2 m_i (p_i − y_i) / M`.
 * @param pred any shape, e.g. `[N, D]` or `[T, B, D]`
 * @param target the shape of `pred`
 * @param opts.mask 0/1 per element, or per leading-axes row (`[T, B]` for pred `[T, B, D]`)
 * @example
 * mse(tensor([1, 2]), tensor([1, 4])).loss; // 2
 */
export function mse(pred: Tensor, target: Tensor, opts: { mask?: RowMask } = {}): { loss: number; dPred: Tensor } {
  const fn = "mse";
  if (!(pred instanceof Tensor) || !(target instanceof Tensor)) throw new Error(`${fn}: pred and target must be Tensors`);
  if (!sameShape(pred.shape, target.shape)) {
    throw new Error(`${fn}: target must have pred's shape ${fmtShape(pred.shape)}, got ${fmtShape(target.shape)}`);
  }
  checkFinite(fn, "pred", pred);
  checkFinite(fn, "target", target);
  const { m, width } = elementMask(fn, opts.mask, pred);
  const count = m ? m.reduce((s, v) => s + v, 0) * width : pred.size;
  const denom = Math.max(count, 1);
  const dp = new Float64Array(pred.size);
  let total = 0;
  for (let i = 0; i < pred.size; i++) {
    if (m && m[Math.floor(i / width)] === 0) continue;
    const r = pred.data[i] - target.data[i];
    total += r * r;
    dp[i] = (2 * r) / denom;
  }
  return { loss: total / denom, dPred: new Tensor(dp, pred.shape) };
}
