// Rearranging tensors: transpose, concat, split, slice, stack and taking one index along an axis.
import { Tensor, checkTensor, fmtShape, sizeOf } from "./tensor";
import { argError, checkArray, checkInt } from "../args";

/** Resolves a possibly negative axis against `rank`, or throws naming `fn`. */
export function normAxis(fn: string, axis: number, rank: number): number {
  if (typeof axis !== "number") throw argError(fn, "axis", `an integer in [${-rank}, ${rank})`, axis);
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) throw new Error(`${fn}: axis ${axis} is out of range for a tensor with ${rank} axes`);
  return a;
}

/** `[outer, n, inner]`: the sizes before, at and after `axis`. */
export function axisSplit(shape: readonly number[], axis: number): [number, number, number] {
  if (!Array.isArray(shape)) throw argError("axisSplit", "shape", "an array of non-negative integers", shape);
  checkInt("axisSplit", "axis", axis, { min: 0, below: shape.length });
  return [sizeOf(shape.slice(0, axis)), shape[axis], sizeOf(shape.slice(axis + 1))];
}

/**
 * Permutes axes: `out[i_perm[0], …] = a[i_0, …]`. Without `perm`, reverses the axes (matrix transpose for 2-D).
 * @param a any shape, e.g. `[M, N]`
 * @returns e.g. `[N, M]`
 */
export function transpose(a: Tensor, perm?: number[]): Tensor {
  checkTensor("transpose", "a", a);
  if (perm !== undefined) checkArray("transpose", "perm", perm);
  const r = a.rank;
  const p = perm ?? Array.from({ length: r }, (_, i) => r - 1 - i);
  if (p.length !== r || [...p].sort((x, y) => x - y).some((v, i) => v !== i)) {
    throw new Error(`transpose: perm ${fmtShape(p)} is not a permutation of the ${r} axes of ${fmtShape(a.shape)}`);
  }
  const outShape = p.map((i) => a.shape[i]);
  const inStrides = new Array<number>(r);
  let s = 1;
  for (let i = r - 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= a.shape[i];
  }
  const strides = p.map((i) => inStrides[i]);
  const out = new Float64Array(a.size);
  if (r === 2) {
    const [M, N] = a.shape;
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) out[j * M + i] = a.data[i * N + j];
    return new Tensor(out, outShape);
  }
  const idx = new Array<number>(r).fill(0);
  let src = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = a.data[src];
    for (let ax = r - 1; ax >= 0; ax--) {
      idx[ax]++;
      src += strides[ax];
      if (idx[ax] < outShape[ax]) break;
      src -= strides[ax] * outShape[ax];
      idx[ax] = 0;
    }
  }
  return new Tensor(out, outShape);
}

/**
 * Joins tensors along `axis`; all other extents must agree.
 * @example concat([h, x], 1) // [B, H] and [B, I] → [B, H+I]
 */
export function concat(ts: Tensor[], axis = 0): Tensor {
  checkArray("concat", "ts", ts, 1);
  ts.forEach((t, i) => checkTensor("concat", `ts[${i}]`, t));
  const rank = ts[0].rank;
  const ax = normAxis("concat", axis, rank);
  for (let i = 1; i < ts.length; i++) {
    const t = ts[i];
    const ok = t.rank === rank && t.shape.every((d, k) => k === ax || d === ts[0].shape[k]);
    if (!ok) throw new Error(`concat: tensor ${i} has shape ${fmtShape(t.shape)}, incompatible with ${fmtShape(ts[0].shape)} along axis ${ax}`);
  }
  const outShape = ts[0].shape.slice();
  outShape[ax] = ts.reduce((s, t) => s + t.shape[ax], 0);
  const [outer, , inner] = axisSplit(outShape, ax);
  const out = new Float64Array(sizeOf(outShape));
  const rowOut = outShape[ax] * inner;
  let off = 0;
  for (const t of ts) {
    const w = t.shape[ax] * inner;
    for (let o = 0; o < outer; o++) out.set(t.data.subarray(o * w, (o + 1) * w), o * rowOut + off);
    off += w;
  }
  return new Tensor(out, outShape);
}

/**
 * The slice `start ≤ i < end` along `axis` (a copy).
 * @example slice(x, 0, 2, 5) // time steps 2, 3, 4 of x[T, B, I]
 */
export function slice(a: Tensor, axis: number, start: number, end?: number): Tensor {
  checkTensor("slice", "a", a);
  checkInt("slice", "start", start);
  if (end !== undefined) checkInt("slice", "end", end);
  const ax = normAxis("slice", axis, a.rank);
  const n = a.shape[ax];
  const e = end === undefined ? n : end < 0 ? end + n : end;
  const s = start < 0 ? start + n : start;
  if (!(0 <= s && s <= e && e <= n)) throw new Error(`slice: range [${start}, ${end ?? n}) is out of bounds for axis ${ax} of ${fmtShape(a.shape)}`);
  const [outer, , inner] = axisSplit(a.shape, ax);
  const outShape = a.shape.slice();
  outShape[ax] = e - s;
  const out = new Float64Array(sizeOf(outShape));
  const w = (e - s) * inner;
  for (let o = 0; o < outer; o++) out.set(a.data.subarray(o * n * inner + s * inner, o * n * inner + e * inner), o * w);
  return new Tensor(out, outShape);
}

/**
 * Splits along `axis` into pieces of the given sizes (or `k` equal pieces for a number).
 * @example split(gates, [H, H, H, H], 1) // [B, 4H] → four [B, H]
 */
export function split(a: Tensor, sizes: number | number[], axis = 0): Tensor[] {
  checkTensor("split", "a", a);
  if (typeof sizes === "number") checkInt("split", "sizes", sizes, { min: 1 });
  else if (!Array.isArray(sizes) || !sizes.every((v) => Number.isSafeInteger(v) && v >= 0)) throw argError("split", "sizes", "a positive integer or an array of non-negative integers", sizes);
  const ax = normAxis("split", axis, a.rank);
  const n = a.shape[ax];
  let parts: number[];
  if (typeof sizes === "number") {
    if (n % sizes !== 0) throw new Error(`split: axis ${ax} of ${fmtShape(a.shape)} has ${n} entries, not divisible into ${sizes} equal parts`);
    parts = new Array(sizes).fill(n / sizes);
  } else parts = sizes;
  if (parts.reduce((s, v) => s + v, 0) !== n) throw new Error(`split: sizes ${fmtShape(parts)} do not add up to ${n} (axis ${ax} of ${fmtShape(a.shape)})`);
  const out: Tensor[] = [];
  let s = 0;
  for (const p of parts) {
    out.push(slice(a, ax, s, s + p));
    s += p;
  }
  return out;
}

/**
 * Stacks equal-shaped tensors along a new axis.
 * @example stack(hs, 0) // T tensors [B, H] → [T, B, H]
 */
export function stack(ts: Tensor[], axis = 0): Tensor {
  checkArray("stack", "ts", ts, 1);
  ts.forEach((t, i) => checkTensor("stack", `ts[${i}]`, t));
  const shape = ts[0].shape;
  const ax = normAxis("stack", axis, shape.length + 1);
  ts.forEach((t, i) => {
    if (t.rank !== shape.length || t.shape.some((d, k) => d !== shape[k])) throw new Error(`stack: tensor ${i} has shape ${fmtShape(t.shape)}, expected ${fmtShape(shape)}`);
  });
  const expanded = ts.map((t) => t.reshape([...shape.slice(0, ax), 1, ...shape.slice(ax)]));
  return concat(expanded, ax);
}

/**
 * The sub-tensor at index `i` of axis 0, without the axis (a copy): `x[t]` of `[T, B, I]` is `[B, I]`.
 */
export function index(a: Tensor, i: number): Tensor {
  checkTensor("index", "a", a);
  if (a.rank === 0) throw new Error("index: cannot index a scalar");
  if (!Number.isInteger(i) || i < 0 || i >= a.shape[0]) throw new Error(`index: ${i} is out of range for axis 0 of ${fmtShape(a.shape)}`);
  const inner = sizeOf(a.shape.slice(1));
  return new Tensor(a.data.slice(i * inner, (i + 1) * inner), a.shape.slice(1));
}

/** The inverse of {@link index} over all `i`: splits axis 0 into a list. */
export function unstack(a: Tensor): Tensor[] {
  checkTensor("unstack", "a", a);
  if (a.rank === 0) throw new Error("unstack: cannot split a scalar (a has no axis 0)");
  return Array.from({ length: a.shape[0] }, (_, i) => index(a, i));
}
