// Many-to-one and many-to-many wiring: pick or spread outputs over time, respecting padding masks.
import { Tensor, checkRank, checkShape } from "../tensor";
import { checkMask } from "./mask";
import { argError, checkInt } from "../args";

/**
 * The last real step of each sequence: `last[b] = max{t : mask[t, b] = 1}` (T − 1 without a mask).
 * @param mask `[T, B]` of 0/1, or null
 * @throws if a sequence has no real step
 */
export function lastStepIndices(mask: Tensor | null | undefined, T: number, B: number): number[] {
  const m = checkMask("lastStepIndices", mask, T, B);
  const last = new Array<number>(B).fill(T - 1);
  if (!m) return last;
  for (let b = 0; b < B; b++) {
    let t = T - 1;
    while (t >= 0 && m[t * B + b] === 0) t--;
    if (t < 0) throw new Error(`lastStepIndices: sequence ${b} has no real step (its mask column is all 0)`);
    last[b] = t;
  }
  return last;
}

/**
 * Many-to-one read-out: `last[b] = outputs[lastStep(b), b]`, the output at each sequence's last real step.
 * (With packed-sequence masks this equals the final state `h` of `unroll`.)
 * @param outputs `[T, B, H]`
 * @param mask `[T, B]` or null
 * @returns `[B, H]`
 */
export function lastOutputs(outputs: Tensor, mask?: Tensor | null): Tensor {
  checkRank("lastOutputs", "outputs", outputs, 3, "T, B, H");
  const [T, B, H] = outputs.shape;
  const idx = lastStepIndices(mask, T, B);
  const out = new Float64Array(B * H);
  for (let b = 0; b < B; b++) out.set(outputs.data.subarray((idx[b] * B + b) * H, (idx[b] * B + b + 1) * H), b * H);
  return new Tensor(out, [B, H]);
}

/**
 * The backward of {@link lastOutputs}: the gradient enters only at each sequence's last real step.
 * @param dLast `[B, H]`
 * @param T time steps
 * @param mask `[T, B]` or null
 * @returns `dOutputs [T, B, H]`, zero except at the last real steps
 */
export function lastOutputsBackward(dLast: Tensor, T: number, mask?: Tensor | null): Tensor {
  checkRank("lastOutputsBackward", "dLast", dLast, 2, "B, H");
  const [B, H] = dLast.shape;
  const idx = lastStepIndices(mask, T, B);
  const d = new Float64Array(T * B * H);
  for (let b = 0; b < B; b++) d.set(dLast.data.subarray(b * H, (b + 1) * H), (idx[b] * B + b) * H);
  return new Tensor(d, [T, B, H]);
}

/**
 * Many-to-many: views `[T, B, H]` as `[T·B, H]` rows (row `t·B + b`) for a dense head and a per-step loss.
 * No copy; the reverse is {@link unflattenTime}.
 * @param outputs `[T, B, H]`
 * @returns `[T·B, H]`
 */
export function flattenTime(outputs: Tensor): Tensor {
  checkRank("flattenTime", "outputs", outputs, 3, "T, B, H");
  const [T, B, H] = outputs.shape;
  return outputs.reshape([T * B, H]);
}

/**
 * Views `[T·B, H]` rows as `[T, B, H]` (e.g. the head's gradient back onto the outputs).
 * @param rows `[T·B, H]`
 */
export function unflattenTime(rows: Tensor, T: number, B: number): Tensor {
  checkRank("unflattenTime", "rows", rows, 2, "T·B, H");
  checkShape("unflattenTime", "rows", rows, [T * B, rows.shape[1]], "T·B, H");
  return rows.reshape([T, B, rows.shape[1]]);
}

/**
 * A `[T, B]` mask as the flat `[T·B]` row mask a per-step loss takes (rows ordered like {@link flattenTime}).
 * @param mask `[T, B]`
 */
export function flattenMask(mask: Tensor): number[] {
  checkRank("flattenMask", "mask", mask, 2, "T, B");
  checkMask("flattenMask", mask, mask.shape[0], mask.shape[1]);
  return Array.from(mask.data);
}

/**
 * A mask `[T, B]` from sequence lengths: `mask[t, b] = 1` for `t < lengths[b]` (padding at the end).
 * @param lengths `[B]`, each in 1 … T
 * @param T the padded length (default the longest)
 */
export function maskFromLengths(lengths: readonly number[], T?: number): Tensor {
  if (!Array.isArray(lengths)) throw argError("maskFromLengths", "lengths", "an array of sequence lengths", lengths);
  if (T !== undefined) checkInt("maskFromLengths", "T", T, { min: 0, max: 2 ** 31 - 1 });
  const Tm = T ?? Math.max(0, ...lengths);
  const B = lengths.length;
  const d = new Float64Array(Tm * B);
  lengths.forEach((len, b) => {
    if (!Number.isInteger(len) || len < 1 || len > Tm) throw new Error(`maskFromLengths: lengths[${b}] must be an integer in 1 … ${Tm}, got ${len}`);
    for (let t = 0; t < len; t++) d[t * B + b] = 1;
  });
  return new Tensor(d, [Tm, B]);
}
