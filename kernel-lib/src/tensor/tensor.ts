// The dense float64 tensor every other module builds on, shape helpers, and the shape and value checks every public entry uses (making tensors: create.ts).
import { tensorKernels } from "./kernels";
import { precision } from "./precision";
import { argError, checkShapeArg, describe } from "../args";

/**
 * A dense, row-major tensor of float64 values.
 *
 * Shape legend used across rnnlab: `T` time steps, `B` batch, `I` input features,
 * `H` hidden units, `G` gates, `V` vocabulary, `E` embedding, `C` classes.
 *
 * @example
 * const t = new Tensor(new Float64Array([1, 2, 3, 4]), [2, 2]);
 * t.get(1, 0); // 3
 */
export class Tensor {
  /** The extent of each axis, e.g. `[T, B, H]`. */
  readonly shape: number[];
  /** The values in row-major order: the last axis varies fastest. */
  readonly data: Float64Array;

  /**
   * Wraps `data` (not copied) as a tensor of `shape`.
   * @param data row-major values, `data.length` must equal the product of `shape`
   * @param shape axis extents (non-negative integers); `[]` is a scalar
   */
  constructor(data: Float64Array, shape: readonly number[]) {
    if (!(data instanceof Float64Array)) throw argError("Tensor", "data", "a Float64Array (use tensor(values) for arrays)", data);
    if (!Array.isArray(shape)) throw argError("Tensor", "shape", "an array of non-negative integers", shape);
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) {
        throw new Error(`Tensor: shape must hold non-negative integers, got ${fmtShape(shape)}`);
      }
    }
    const n = sizeOf(shape);
    if (data.length !== n) {
      throw new Error(`Tensor: data has ${data.length} values but shape ${fmtShape(shape)} needs ${n}`);
    }
    this.data = data;
    this.shape = shape.slice();
  }

  /** Number of elements (the product of `shape`). */
  get size(): number {
    return this.data.length;
  }

  /** Number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** The value at a full index, e.g. `t.get(t_, b, h)`. */
  get(...index: number[]): number {
    return this.data[this.offset(index, "get")];
  }

  /** Sets the value at a full index: `t.set(v, t_, b, h)`. */
  set(value: number, ...index: number[]): void {
    this.data[this.offset(index, "set")] = value;
  }

  /** The flat row-major offset of a full index. */
  offset(index: readonly number[], fn = "offset"): number {
    if (!Array.isArray(index)) throw argError(fn, "index", `an array of ${this.shape.length} integers`, index);
    if (index.length !== this.shape.length) {
      throw new Error(`${fn}: index ${fmtShape(index)} has ${index.length} axes, tensor has shape ${fmtShape(this.shape)}`);
    }
    let off = 0;
    for (let i = 0; i < index.length; i++) {
      const k = index[i];
      if (!Number.isInteger(k) || k < 0 || k >= this.shape[i]) {
        throw new Error(`${fn}: index [${index.map(describe).join(", ")}] is out of range for shape ${fmtShape(this.shape)}`);
      }
      off = off * this.shape[i] + k;
    }
    return off;
  }

  /** The values as nested arrays (a scalar tensor gives a number). */
  toArray(): any {
    if (this.shape.length === 0) return this.data[0];
    const build = (axis: number, off: number): any => {
      const n = this.shape[axis];
      if (axis === this.shape.length - 1) return Array.from(this.data.subarray(off, off + n));
      const stride = sizeOf(this.shape.slice(axis + 1));
      const out: any[] = [];
      for (let i = 0; i < n; i++) out.push(build(axis + 1, off + i * stride));
      return out;
    };
    return build(0, 0);
  }

  /** A copy with its own data. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /** The same data seen with another shape of equal size (no copy). */
  reshape(shape: readonly number[]): Tensor {
    if (!Array.isArray(shape) || !shape.every((d) => typeof d === "number")) throw argError("reshape", "shape", "an array of integers (one may be -1)", shape);
    const s = shape.slice();
    const free = s.indexOf(-1);
    if (free >= 0) {
      const rest = sizeOf(s.filter((_, i) => i !== free));
      s[free] = rest === 0 ? 0 : this.size / rest;
    }
    if (sizeOf(s) !== this.size || s.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new Error(`reshape: cannot view shape ${fmtShape(this.shape)} (${this.size} values) as ${fmtShape(shape)}`);
    }
    return new Tensor(this.data, s);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new Error(`item: tensor must have one element, got shape ${fmtShape(this.shape)}`);
    return this.data[0];
  }

  /** A short description: `Tensor[2, 3] [[1, 2, 3], [4, 5, 6]]` (values rounded to 4 digits). */
  toString(): string {
    const round = (v: any): any => (Array.isArray(v) ? v.map(round) : Number(Number(v).toPrecision(4)));
    const body = this.size <= 64 ? JSON.stringify(round(this.toArray())).replace(/,/g, ", ") : `(${this.size} values)`;
    return `Tensor${fmtShape(this.shape)} ${body}`;
  }
}

/** The product of a shape's extents (1 for a scalar shape `[]`). */
export function sizeOf(shape: readonly number[]): number {
  if (!Array.isArray(shape)) throw argError("sizeOf", "shape", "an array of non-negative integers", shape);
  let n = 1;
  for (const d of shape) {
    if (typeof d !== "number") throw argError("sizeOf", "shape", "an array of non-negative integers", shape);
    n *= d;
  }
  return n;
}

/** Formats a shape as `[2, 3]`. */
export function fmtShape(shape: readonly (number | string)[]): string {
  if (!Array.isArray(shape)) throw argError("fmtShape", "shape", "an array", shape);
  return `[${shape.map(String).join(", ")}]`;
}

/** True when two shapes are equal axis by axis. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (!Array.isArray(a)) throw argError("sameShape", "a", "a shape (an array)", a);
  if (!Array.isArray(b)) throw argError("sameShape", "b", "a shape (an array)", b);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Throws unless `t` has the expected shape. `dims` may hold `-1` for "any extent".
 * The message names the function, the tensor, the symbolic and the numeric shape:
 * `lstmCellForward: x must be [B, I] = [32, 10], got [32, 12]`.
 * @param fn the public function doing the check
 * @param name the argument's name
 * @param t the tensor to check
 * @param dims expected extents
 * @param legend symbolic names of the axes, e.g. `"B, I"`
 */
export function checkShape(fn: string, name: string, t: Tensor | undefined | null, dims: readonly number[], legend?: string): void {
  // the time loop calls this every step: compare first, build the message only on failure
  if (t instanceof Tensor && dims && t.shape.length === dims.length) {
    let ok = true;
    for (let i = 0; ok && i < dims.length; i++) if (dims[i] >= 0 && dims[i] !== t.shape[i]) ok = false;
    if (ok) return;
  }
  if (!Array.isArray(dims)) throw argError("checkShape", "dims", "an array of extents (-1 for any)", dims);
  const expected = legend ? `[${legend}] = ${fmtShape(dims.map((d) => (d < 0 ? "*" : d)))}` : fmtShape(dims.map((d) => (d < 0 ? "*" : d)));
  if (!(t instanceof Tensor)) {
    throw new Error(`${fn}: ${name} must be a Tensor of shape ${expected}, got ${describe(t)}`);
  }
  throw new Error(`${fn}: ${name} must be ${expected}, got ${fmtShape(t.shape)}`);
}

/** Throws unless `t` has `rank` axes: `fn: name must have 3 axes [T, B, I], got [5, 4]`. */
export function checkRank(fn: string, name: string, t: Tensor | undefined | null, rank: number, legend?: string): void {
  if (!(t instanceof Tensor)) throw new Error(`${fn}: ${name} must be a Tensor${legend ? ` [${legend}]` : ""}, got ${describe(t)}`);
  if (t.shape.length !== rank) {
    throw new Error(`${fn}: ${name} must have ${rank} axes${legend ? ` [${legend}]` : ""}, got ${fmtShape(t.shape)}`);
  }
}

/**
 * Throws unless `t` is a Tensor (any shape; with `nonEmpty`, at least one value):
 * `sum: a must be a Tensor, got "abc" (string)`. Returns `t`.
 */
export function checkTensor(fn: string, name: string, t: unknown, nonEmpty = false): Tensor {
  if (!(t instanceof Tensor)) throw argError(fn, name, "a Tensor", t);
  if (nonEmpty && t.size === 0) throw new Error(`${fn}: ${name} must hold at least one value, got an empty Tensor ${fmtShape(t.shape)}`);
  return t;
}

/**
 * Throws if `t` holds NaN or ±Infinity, naming the tensor, the first bad index and, for
 * time-major tensors, the time step: `lstmForward: x holds NaN at [3, 0, 1] (time step 3)`.
 */
export function checkFinite(fn: string, name: string, t: Tensor, timeAxis?: number): void {
  if (!(t instanceof Tensor)) throw argError(fn, name, "a Tensor", t);
  const d = t.data;
  // long arrays: the backend's scan finds the first bad value (−1: none), then this loop builds the message from there
  const first = d.length >= 256 ? tensorKernels().firstNonFinite(d) : 0;
  if (first === -1) return;
  for (let i = Math.max(0, first); i < d.length; i++) {
    const v = d[i];
    if (v - v !== 0) {
      const idx = unravel(i, t.shape);
      const step = timeAxis !== undefined ? ` (time step ${idx[timeAxis]})` : "";
      throw new Error(`${fn}: ${name} holds ${Number.isNaN(v) ? "NaN" : v} at ${fmtShape(idx)}${step}`);
    }
  }
}

/**
 * {@link checkFinite} for an input the products will read under `setPrecision("float32")`: they round their operands to
 * float32, so a finite value beyond ±3.4e38 would become ±Infinity there (and NaN after the finiteness check). One JS pass
 * refuses NaN, ±Infinity and such values, with the reason; under float64 it is `checkFinite`. Used where float32 operands
 * enter: sequences and initial states entering the time loop, a layer's parameters once per forward (weights set from
 * outside or grown before the switch), the gradients entering a backward pass, Dense and attention operands, and an
 * optimizer's weights after each step in debug mode; never per step (a scan at every step would cost the float32 bench
 * more than it is worth; once per forward it is about 0.4 % of an LSTM forward, I = 128, H = 256, T = 35, B = 32).
 */
export function checkFiniteFor32(fn: string, name: string, t: Tensor, timeAxis?: number): void {
  if (precision() !== "float32") return checkFinite(fn, name, t, timeAxis);
  if (!(t instanceof Tensor)) throw argError(fn, name, "a Tensor", t);
  const d = t.data;
  // long arrays: the backend's scan finds the first value out of range (−1: none), then this loop builds the message
  const first = d.length >= 256 ? tensorKernels().firstOutside(d, FLOAT32_MAX) : 0;
  if (first === -1) return;
  for (let i = Math.max(0, first); i < d.length; i++) {
    const v = d[i];
    if (!(v <= FLOAT32_MAX && v >= -FLOAT32_MAX)) {
      const idx = unravel(i, t.shape);
      const step = timeAxis !== undefined ? ` (time step ${idx[timeAxis]})` : "";
      const why = v - v === 0 ? ` (beyond float32's range ±3.4e38, under setPrecision("float32"))` : "";
      throw new Error(`${fn}: ${name} holds ${Number.isNaN(v) ? "NaN" : v} at ${fmtShape(idx)}${step}${why}`);
    }
  }
}

/** The largest finite float32, 3.4028234663852886e38 (values rounding above it become ±Infinity). */
const FLOAT32_MAX = 3.4028234663852886e38;

/** The multi-index of a flat row-major offset. */
export function unravel(offset: number, shape: readonly number[]): number[] {
  if (!Number.isSafeInteger(offset) || offset < 0) throw argError("unravel", "offset", "a non-negative integer", offset);
  checkShapeArg("unravel", "shape", shape);
  const idx = new Array<number>(shape.length);
  for (let a = shape.length - 1; a >= 0; a--) {
    idx[a] = offset % shape[a];
    offset = Math.floor(offset / shape[a]);
  }
  return idx;
}
