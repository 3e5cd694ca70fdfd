// Classification accuracy: the fraction of unmasked rows whose arg-max logit is the target.
import { Tensor } from "../tensor";
import { RowMask, Targets, maskToArray, rowsAndClasses, targetsToArray } from "./mask";

/**
 * `acc = Σ_n m_n [argmax_k z_{n,k} = y_n] / Σ_n m_n` (ties go to the lowest index; 0 when every row is masked).
 * @param logits `[N, C]` or `[T, B, C]` (read as `T·B` rows)
 * @param targets `[N]` class indices
 * @param mask `[N]` (or `[T, B]`) 0/1
 * @example
 * accuracy(tensor([[1, 0], [0, 1]]), [0, 0]); // 0.5
 */
export function accuracy(logits: Tensor, targets: Targets, mask?: RowMask): number {
  const fn = "accuracy";
  const [rows, classes] = rowsAndClasses(fn, logits);
  const m = maskToArray(fn, mask, rows, logits.shape.slice(0, -1));
  const y = targetsToArray(fn, targets, rows, classes, m, logits.shape.slice(0, -1));
  let hits = 0;
  let count = 0;
  for (let n = 0; n < rows; n++) {
    if (m && m[n] === 0) continue;
    let best = 0;
    for (let k = 1; k < classes; k++) if (logits.data[n * classes + k] > logits.data[n * classes + best]) best = k;
    if (best === y[n]) hits++;
    count++;
  }
  return count === 0 ? 0 : hits / count;
}
