// Rearranging Vars: reshape, concat, slice, split, stack, index; gradients are routed back to where each value came from.
import * as T from "../tensor";
import { Var, accumulate } from "./var";
import { checkVar } from "./var";
import { argError } from "../args";

/** The same values with another shape (`-1` infers one extent). The gradient is reshaped back. */
export function reshape(a: Var, shape: readonly number[]): Var {
  checkVar("ag.reshape", "a", a);
  return new Var(a.value.reshape(shape), [a], (g) => accumulate(a, g.reshape(a.shape)), "reshape");
}

/**
 * Joins Vars along `axis`. The gradient is `g` split back into the pieces.
 * @example ag.concat([h, x], 1) // [B, H] and [B, I] → [B, H+I]
 */
export function concat(parts: Var[], axis = 0): Var {
  if (!Array.isArray(parts) || parts.length === 0) throw argError("ag.concat", "parts", "a non-empty array of Var", parts);
  parts.forEach((v, i) => checkVar("ag.concat", `parts[${i}]`, v));
  const out = T.concat(parts.map((p) => p.value), axis);
  const ax = T.normAxis("ag.concat", axis, out.rank);
  return new Var(out, parts, (g) => {
    const gs = T.split(g, parts.map((p) => p.shape[ax]), ax);
    parts.forEach((p, i) => accumulate(p, gs[i]));
  }, "concat");
}

/**
 * The range `start ≤ i < end` along `axis`. The gradient is `g` placed in that range of zeros.
 * @example ag.slice(gates, 1, 0, H) // the first gate block of [B, 4H]
 */
export function slice(a: Var, axis: number, start: number, end?: number): Var {
  checkVar("ag.slice", "a", a);
  const out = T.slice(a.value, axis, start, end);
  const ax = T.normAxis("ag.slice", axis, a.shape.length);
  const n = a.shape[ax];
  const s = start < 0 ? start + n : start;
  return new Var(out, [a], (g) => {
    const [outer, , inner] = T.axisSplit(a.shape, ax);
    const full = T.zeros(a.shape);
    const w = g.shape[ax] * inner;
    for (let o = 0; o < outer; o++) full.data.set(g.data.subarray(o * w, (o + 1) * w), o * n * inner + s * inner);
    accumulate(a, full);
  }, "slice");
}

/**
 * Splits along `axis` into pieces of the given sizes (or `k` equal pieces), each a {@link slice}.
 * @example const [i, f, g, o] = ag.split(gates, 4, 1) // [B, 4H] → four [B, H]
 */
export function split(a: Var, sizes: number | number[], axis = 0): Var[] {
  checkVar("ag.split", "a", a);
  const ax = T.normAxis("ag.split", axis, a.shape.length);
  const pieces = T.split(a.value, sizes, ax).map((p) => p.shape[ax]);
  const out: Var[] = [];
  let s = 0;
  for (const p of pieces) {
    out.push(slice(a, ax, s, s + p));
    s += p;
  }
  return out;
}

/** `a[i]` along axis 0, without the axis: `x[t]` of `[T, B, I]` is `[B, I]`. */
export function index(a: Var, i: number): Var {
  checkVar("ag.index", "a", a);
  if (a.shape.length === 0) throw new Error("ag.index: cannot index a scalar");
  if (!Number.isInteger(i) || i < 0 || i >= a.shape[0]) throw new Error(`ag.index: ${i} is out of range for axis 0 of ${T.fmtShape(a.shape)}`);
  return reshape(slice(a, 0, i, i + 1), a.shape.slice(1));
}

/** Stacks equal-shaped Vars along a new axis: T Vars `[B, H]` → `[T, B, H]` with `axis = 0`. */
export function stack(parts: Var[], axis = 0): Var {
  if (!Array.isArray(parts) || parts.length === 0) throw argError("ag.stack", "parts", "a non-empty array of Var", parts);
  parts.forEach((v, i) => checkVar("ag.stack", `parts[${i}]`, v));
  if (parts.length === 0) throw new Error("ag.stack: needs at least one Var");
  const shape = parts[0].shape;
  const ax = T.normAxis("ag.stack", axis, shape.length + 1);
  return concat(parts.map((p) => reshape(p, [...shape.slice(0, ax), 1, ...shape.slice(ax)])), ax);
}
