// Checks for time-major sequences and their padding masks, shared by the unroll, BPTT and the layers.
import { Tensor, checkFiniteFor32, checkRank, checkShape } from "../tensor";
import { CellParams } from "../cells";
import { argError } from "../args";

/** Checks `x [T, B, I]` with `T ≥ 1`, `B ≥ 1` and finite values; returns `[T, B, I]`. */
export function checkSequence(fn: string, x: Tensor, I: number): [number, number, number] {
  checkRank(fn, "x", x, 3, "T, B, I");
  const [T, B] = x.shape;
  if (T === 0) throw new Error(`${fn}: x is an empty sequence (T = 0, shape [${x.shape.join(", ")}]); a sequence needs at least one time step`);
  if (B === 0) throw new Error(`${fn}: x has an empty batch (B = 0, shape [${x.shape.join(", ")}])`);
  checkShape(fn, "x", x, [T, B, I], "T, B, I");
  checkFiniteFor32(fn, "x", x, 0);
  return [T, B, I];
}

/**
 * Checks that every parameter is finite (an exploded training run shows up here, named) and, under
 * `setPrecision("float32")`, within float32's range: weights set from outside (a state_dict, a file, the `params` option)
 * or grown before the switch are refused here, once per forward, before a product rounds them to ±Infinity.
 */
export function checkParamsFinite(fn: string, p: CellParams): void {
  if (!p || typeof p !== "object") throw argError(fn, "params", "{ weight_ih, weight_hh, bias_ih, bias_hh }", p);
  for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) checkFiniteFor32(fn, k, p[k]);
}

/**
 * Checks a padding mask `[T, B]` holds only 0 and 1 (1 = real step) and returns its data (or null when absent).
 * @param mask `[T, B]` or undefined
 */
export function checkMask(fn: string, mask: Tensor | null | undefined, T: number, B: number): Float64Array | null {
  if (mask === undefined || mask === null) return null;
  checkShape(fn, "mask", mask, [T, B], "T, B");
  const d = mask.data;
  for (let k = 0; k < d.length; k++) {
    if (d[k] !== 0 && d[k] !== 1) {
      throw new Error(`${fn}: mask must hold only 0 (padding) and 1 (real step), got ${d[k]} at [${Math.floor(k / B)}, ${k % B}] (time step ${Math.floor(k / B)})`);
    }
  }
  return d;
}
