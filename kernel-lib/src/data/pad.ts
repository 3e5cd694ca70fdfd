// Padding variable-length id sequences into a time-major batch with its mask.
import { Tensor } from "../tensor";
import { argError, checkAllocation, checkInt, checkNumber, checkOneOf, checkOptions } from "../args";

/** Options of {@link padSequences}. */
export interface PadOptions {
  /** Length `T` of the batch (default: the longest sequence); longer sequences are cut. */
  maxLen?: number;
  /** Id written in padded steps (default 0 = <pad>). */
  padId?: number;
  /** "post" (default) pads after the tokens, "pre" before them. */
  padding?: "post" | "pre";
  /** "post" (default) cuts the end of long sequences, "pre" their start. */
  truncating?: "post" | "pre";
}

/**
 * Pads `B` id sequences into time-major `ids [T, B]` and `mask [T, B]` (1 = real token, 0 = padding).
 * `lengths[b]` is the number of real tokens of sequence `b` after truncation.
 * @param seqs B sequences of token ids
 * @example
 * padSequences([[5, 6, 7], [8]]).ids.toArray(); // [[5, 8], [6, 0], [7, 0]]
 */
export function padSequences(seqs: readonly (readonly number[])[], opts: PadOptions = {}): { ids: Tensor; mask: Tensor; lengths: number[] } {
  const fn = "padSequences";
  const { padId = 0, padding = "post", truncating = "post" } = checkOptions(fn, "opts", opts, ["padId", "padding", "truncating", "maxLen"]);
  checkOneOf(fn, "padding", padding, ["pre", "post"]);
  checkOneOf(fn, "truncating", truncating, ["pre", "post"]);
  checkNumber(fn, "padId", padId);
  if (!Array.isArray(seqs)) throw argError(fn, "seqs", "an array of id arrays", seqs);
  seqs.forEach((s, b) => { if (!Array.isArray(s)) throw argError(fn, `seqs[${b}]`, "an array of ids", s); });
  if (opts.maxLen !== undefined) checkInt(fn, "maxLen", opts.maxLen, { min: 0 });
  const longest = seqs.reduce((m, s) => Math.max(m, s.length), 0);
  const T = opts.maxLen ?? longest;
  if (!Number.isInteger(T) || T < 0) throw new Error(`padSequences: maxLen must be a non-negative integer, got ${opts.maxLen}`);
  const B = seqs.length;
  checkAllocation(fn, `maxLen = ${T} with ${B} sequences`, { ids: [T, B] });
  const ids = new Float64Array(T * B).fill(padId);
  const mask = new Float64Array(T * B);
  const lengths: number[] = [];
  seqs.forEach((s, b) => {
    const kept: readonly number[] = s.length <= T ? s : truncating === "post" ? s.slice(0, T) : s.slice(s.length - T);
    const offset = padding === "post" ? 0 : T - kept.length;
    kept.forEach((id, k) => {
      ids[(offset + k) * B + b] = id;
      mask[(offset + k) * B + b] = 1;
    });
    lengths.push(kept.length);
  });
  return { ids: new Tensor(ids, [T, B]), mask: new Tensor(mask, [T, B]), lengths };
}
