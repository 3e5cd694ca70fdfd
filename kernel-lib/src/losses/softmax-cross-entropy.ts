// Softmax cross-entropy over class logits, with a row mask for padded steps, and its gradient.
import { Tensor, checkFinite } from "../tensor";
import { tensorKernels } from "../tensor/kernels";
import { checkOneOf, checkOptions } from "../args";
import { RowMask, Targets, maskToArray, rowsAndClasses, targetsToArray } from "./mask";

/** Options of {@link softmaxCrossEntropy}. */
export interface CrossEntropyOptions {
  /** 0/1 per row (`[N]`, or `[T, B]` for 3-D logits); masked rows add nothing to loss or gradient. */
  mask?: RowMask | null;
  /** `"mean"` (default) divides by the number of unmasked rows; `"sum"` does not. */
  reduction?: "mean" | "sum";
}

/** A loss value and the gradient of that value with respect to the logits. */
export interface LossWithLogitsGrad {
  loss: number;
  dLogits: Tensor;
}

/**
 * Softmax cross-entropy `L = (1/M) Σ_n m_n (logSumExp(z_n) − z_{n, y_n})` with `M = Σ m_n`
 * (the number of unmasked rows; 1 with `reduction: "sum"`), and its gradient
 * `∂L/∂z_{n,k} = m_n (softmax(z_n)_k − [k = y_n]) / M`. Each row's term is computed as
 * `(z_max − z_y) + log Σ_k e^{z_k − z_max}` and the softmax as `e^{z_k − z_max} / Σ`, as PyTorch's `log_softmax` does:
 * no overflow, and no cancellation between a huge `logSumExp` and `z_y` (two equal logits of 1e16 give exactly ln 2).
 * With every row masked the loss and gradient are 0.
 *
 * Time-major logits `[T, B, C]` are read as `T·B` rows in row-major order, so `targets` and `mask`
 * are `[T·B]` flat arrays or `[T, B]` tensors (target of step t, sequence b at `t·B + b`).
 * Matches `torch.nn.functional.cross_entropy` (mean over unmasked rows = `ignore_index` rows dropped).
 * @param logits `[N, C]` or `[T, B, C]` unnormalised scores
 * @param targets `[N]` class indices in `[0, C)`; masked rows may hold anything (e.g. −1)
 * @example
 * const { loss, dLogits } = softmaxCrossEntropy(tensor([[2, 0, -1]]), [0]);
 */
export function softmaxCrossEntropy(logits: Tensor, targets: Targets, opts: CrossEntropyOptions = {}): LossWithLogitsGrad {
  const fn = "softmaxCrossEntropy";
  const [rows, classes] = rowsAndClasses(fn, logits);
  const { reduction = "mean" } = checkOptions(fn, "opts", opts, ["mask", "reduction"]);
  checkOneOf(fn, "reduction", reduction, ["mean", "sum"] as const);
  const m = maskToArray(fn, opts.mask, rows, logits.shape.slice(0, -1));
  const y = targetsToArray(fn, targets, rows, classes, m, logits.shape.slice(0, -1));
  checkFinite(fn, "logits", logits);
  let count = 0;
  for (let n = 0; n < rows; n++) if (!m || m[n] === 1) count++;
  const denom = reduction === "mean" ? Math.max(count, 1) : 1;
  const z = logits.data;
  const dz = new Float64Array(logits.size);
  // each unmasked row's softmax scaled by the reduction, e^{z_k − z_max} / s / M, and its z_max and s = Σ_k e^{z_k − z_max}
  // (tensor/kernels.ts, softmaxRowsJs: the backend runs it, with Math.exp's bits)
  const zMax = new Float64Array(rows), s = new Float64Array(rows);
  tensorKernels().softmaxRows(z, dz, rows, classes, m, denom, zMax, s);
  let total = 0;
  for (let n = 0; n < rows; n++) {
    if (m && m[n] === 0) continue;
    // −log softmax(z)_y = (z_max − z_y) + log s: both terms are small where the logits are large
    total += (zMax[n] - z[n * classes + y[n]]) + Math.log(s[n]);
    // backward, beside the forward: softmax minus one-hot, scaled by the reduction
    dz[n * classes + y[n]] -= 1 / denom;
  }
  return { loss: total / denom, dLogits: new Tensor(dz, logits.shape) };
}
