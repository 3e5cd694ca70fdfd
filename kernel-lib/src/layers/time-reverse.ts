// Reversing each sequence of a padded batch within its real steps, as PyTorch's packed sequences do for the reverse direction.
import { Tensor, checkRank, fmtShape } from "../tensor";
import { argError, checkInt, checkSize } from "../args";

/**
 * For every column `b` of a `[T, B]` mask, the time index each step reads after reversal: the real steps
 * `p_0 < p_1 < … < p_{n−1}` (mask 1) are mapped `p_k ↔ p_{n−1−k}`, padded steps to themselves. With right padding
 * (lengths `n_b`) that is `t ↔ n_b − 1 − t` for `t < n_b`: the reverse direction starts at each sequence's last real
 * step, exactly as `torch.nn.utils.rnn.pack_padded_sequence` makes a bidirectional PyTorch layer do. The map is its
 * own inverse. Without a mask every column is reversed whole.
 * @param T steps, @param B batch
 * @param mask `[T, B]` of 0/1 or null
 * @returns `src[t·B + b]` = the time index to read for step t of column b
 */
export function reversalIndex(T: number, B: number, mask: Tensor | null | undefined): Int32Array {
  checkSize("reversalIndex", "T", T);
  checkSize("reversalIndex", "B", B);
  const src = new Int32Array(T * B);
  if (!mask) {
    for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) src[t * B + b] = T - 1 - t;
    return src;
  }
  if (mask.shape.length !== 2 || mask.shape[0] !== T || mask.shape[1] !== B) {
    throw new Error(`reversalIndex: mask must be [T, B] = [${T}, ${B}], got ${fmtShape(mask.shape)}`);
  }
  const real: number[] = [];
  for (let b = 0; b < B; b++) {
    real.length = 0;
    for (let t = 0; t < T; t++) {
      src[t * B + b] = t;
      if (mask.data[t * B + b] !== 0) real.push(t);
    }
    for (let k = 0; k < real.length; k++) src[real[k] * B + b] = real[real.length - 1 - k];
  }
  return src;
}

/**
 * `out[t, b, :] = x[src[t·B + b], b, :]`: a `[T, B, F]` sequence with each column reversed within its real steps
 * (see {@link reversalIndex}; applying it twice gives `x` back).
 * @param x `[T, B, F]`
 */
export function reverseSequences(x: Tensor, src: Int32Array): Tensor {
  checkRank("reverseSequences", "x", x, 3, "T, B, F");
  if (!(src instanceof Int32Array)) throw argError("reverseSequences", "src", "an Int32Array (from reversalIndex)", src);
  const [T, B, F] = x.shape;
  if (x.shape.length !== 3 || src.length !== T * B) throw new Error(`reverseSequences: x must be [T, B, F] with T·B = ${src.length}, got ${fmtShape(x.shape)}`);
  const out = new Float64Array(T * B * F);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const from = (src[t * B + b] * B + b) * F;
      out.set(x.data.subarray(from, from + F), (t * B + b) * F);
    }
  }
  return new Tensor(out, [T, B, F]);
}

/**
 * Joins `[T, B, F₁]` and `[T, B, F₂]` along the features: `[T, B, F₁ + F₂]` (forward then reverse direction, as PyTorch).
 */
export function concatFeatures(a: Tensor, b: Tensor): Tensor {
  checkRank("concatFeatures", "a", a, 3, "T, B, F1");
  const [T, B, F1] = a.shape;
  checkRank("concatFeatures", "b", b, 3, "T, B, F2");
  if (b.shape[0] !== T || b.shape[1] !== B) throw argError("concatFeatures", "b", `a Tensor [${T}, ${B}, F2] (the T and B of a)`, b);
  const F2 = b.shape[2];
  const out = new Float64Array(T * B * (F1 + F2));
  for (let r = 0; r < T * B; r++) {
    out.set(a.data.subarray(r * F1, (r + 1) * F1), r * (F1 + F2));
    out.set(b.data.subarray(r * F2, (r + 1) * F2), r * (F1 + F2) + F1);
  }
  return new Tensor(out, [T, B, F1 + F2]);
}

/** The features `[from, from + F)` of a `[T, B, ·]` tensor, as `[T, B, F]` (the inverse of {@link concatFeatures}). */
export function featureSlice(x: Tensor, from: number, F: number): Tensor {
  checkRank("featureSlice", "x", x, 3, "T, B, W");
  const [T, B, W] = x.shape;
  checkInt("featureSlice", "from", from, { min: 0, max: W });
  checkInt("featureSlice", "F", F, { min: 0, max: W - from });
  const out = new Float64Array(T * B * F);
  for (let r = 0; r < T * B; r++) out.set(x.data.subarray(r * W + from, r * W + from + F), r * F);
  return new Tensor(out, [T, B, F]);
}
