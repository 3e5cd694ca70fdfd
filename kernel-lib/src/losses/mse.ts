// Mean squared error with an optional mask, and its gradient.
import { Tensor, checkFinite } from "../tensor";
import { RowMask, elementwiseMean } from "./mask";

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
  const { loss, grad } = elementwiseMean(fn, ["pred", "target"], pred, target, opts.mask, (p, y) => [(p - y) * (p - y), 2 * (p - y)]);
  checkFinite(fn, "pred", pred);
  checkFinite(fn, "target", target);
  return { loss, dPred: grad };
}
