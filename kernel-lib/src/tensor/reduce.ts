// Reductions over an axis or the whole tensor, and the numerically stable softmax family.
import { Tensor, checkTensor, fmtShape } from "./tensor";
import { checkBoolean } from "../args";
import { axisSplit, normAxis } from "./shape-ops";
import { tensorKernels } from "./kernels";

function reduce(fn: string, a: Tensor, axis: number | undefined, keepDims: boolean, init: number, f: (acc: number, x: number) => number): Tensor {
  checkTensor(fn, "a", a);
  checkBoolean(fn, "keepDims", keepDims);
  // a maximum or minimum of nothing has no value (PyTorch refuses it too); a sum of nothing is 0
  const needsValue = fn === "max" || fn === "min";
  if (axis === undefined) {
    if (needsValue && a.size === 0) throw new Error(`${fn}: a is empty (shape ${fmtShape(a.shape)}); the ${fn}imum of no values is undefined`);
    let acc = init;
    for (let i = 0; i < a.size; i++) acc = f(acc, a.data[i]);
    return new Tensor(new Float64Array([acc]), keepDims ? a.shape.map(() => 1) : []);
  }
  const ax = normAxis(fn, axis, a.rank);
  const [outer, n, inner] = axisSplit(a.shape, ax);
  if (needsValue && n === 0) throw new Error(`${fn}: axis ${ax} of a ${fmtShape(a.shape)} is empty; the ${fn}imum of no values is undefined`);
  const out = new Float64Array(outer * inner).fill(init);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < n; k++) {
      const base = (o * n + k) * inner;
      for (let j = 0; j < inner; j++) out[o * inner + j] = f(out[o * inner + j], a.data[base + j]);
    }
  }
  const shape = a.shape.slice();
  if (keepDims) shape[ax] = 1;
  else shape.splice(ax, 1);
  return new Tensor(out, shape);
}

/** `Σ x` over `axis` (all elements without one). @example sum(dz, 0) // bias gradient [B, H] → [H] */
export function sum(a: Tensor, axis?: number, keepDims = false): Tensor {
  return reduce("sum", a, axis, keepDims, 0, (s, x) => s + x);
}

/** The mean over `axis` (all elements without one). */
export function mean(a: Tensor, axis?: number, keepDims = false): Tensor {
  checkTensor("mean", "a", a);
  const n = axis === undefined ? a.size : a.shape[normAxis("mean", axis, a.rank)];
  if (n === 0) throw new Error(`mean: cannot average an empty axis of ${fmtShape(a.shape)}`);
  const s = sum(a, axis, keepDims);
  for (let i = 0; i < s.size; i++) s.data[i] /= n;
  return s;
}

/** The maximum over `axis` (all elements without one). */
export function max(a: Tensor, axis?: number, keepDims = false): Tensor {
  return reduce("max", a, axis, keepDims, -Infinity, (m, x) => (x > m ? x : m));
}

/** The minimum over `axis` (all elements without one). */
export function min(a: Tensor, axis?: number, keepDims = false): Tensor {
  return reduce("min", a, axis, keepDims, Infinity, (m, x) => (x < m ? x : m));
}

/** Indices of the maximum along the last axis: `[…, N] → number[]` (flattened over the leading axes). */
export function argmax(a: Tensor): number[] {
  checkTensor("argmax", "a", a);
  if (a.rank === 0) throw new Error("argmax: needs at least one axis");
  const n = a.shape[a.rank - 1];
  if (n === 0) throw new Error(`argmax: the last axis of a ${fmtShape(a.shape)} is empty; there is no largest entry`);
  const rows = a.size / n;
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let k = 1; k < n; k++) if (a.data[r * n + k] > a.data[r * n + best]) best = k;
    out.push(best);
  }
  return out;
}

/** The Euclidean (Frobenius) norm `‖a‖ = √(Σ a_i²)`. */
export function norm(a: Tensor): number {
  checkTensor("norm", "a", a);
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * a.data[i];
  return Math.sqrt(s);
}

/** The dot product `Σ a_i b_i` of two equal-sized tensors. */
export function dot(a: Tensor, b: Tensor): number {
  checkTensor("dot", "a", a);
  checkTensor("dot", "b", b);
  if (a.size !== b.size) throw new Error(`dot: sizes differ, ${fmtShape(a.shape)} vs ${fmtShape(b.shape)}`);
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * b.data[i];
  return s;
}

/** `max_k d[base + k·inner]` for k < n: the largest entry of one line along the reduced axis. */
function lineMax(d: Float64Array, base: number, n: number, inner: number): number {
  let m = -Infinity;
  for (let k = 0; k < n; k++) m = Math.max(m, d[base + k * inner]);
  return m;
}

/** `Σ_k e^{d[base + k·inner] − m}` for k < n, summed in increasing k: the shifted exponentials of one line. */
function lineSumExp(d: Float64Array, base: number, n: number, inner: number, m: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += Math.exp(d[base + k * inner] - m);
  return s;
}

/**
 * Along the last axis (`inner` = 1), each row's `m = max` and `Σ_k e^{x_k − m}` (in increasing k) from the backend's
 * softmax rows (tensor/kernels.ts, softmaxRowsJs: the sums of lineSumExp, with Math.exp's bits), and `e/Σ` in `out`.
 */
function lastAxisRows(a: Tensor, out: Float64Array, outer: number, n: number): { m: Float64Array; s: Float64Array } {
  const m = new Float64Array(outer), s = new Float64Array(outer);
  tensorKernels().softmaxRows(a.data, out, outer, n, null, 1, m, s);
  return { m, s };
}

/**
 * `log Σ_k e^{x_k}` along `axis` (default last), computed as `m + log Σ e^{x_k − m}` with `m = max x`.
 * @param a e.g. logits `[B, V]`
 * @returns the shape of `a` without `axis` (with it, of extent 1, if `keepDims`)
 */
export function logSumExp(a: Tensor, axis = -1, keepDims = false): Tensor {
  checkTensor("logSumExp", "a", a);
  const ax = normAxis("logSumExp", axis, a.rank);
  const [outer, n, inner] = axisSplit(a.shape, ax);
  if (n === 0) throw new Error(`logSumExp: axis ${ax} of ${fmtShape(a.shape)} is empty`);
  const out = new Float64Array(outer * inner);
  if (inner === 1) {
    const { m, s } = lastAxisRows(a, new Float64Array(a.size), outer, n);
    for (let o = 0; o < outer; o++) out[o] = m[o] + Math.log(s[o]);
  } else {
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < inner; j++) {
        const base = o * n * inner + j;
        const m = lineMax(a.data, base, n, inner);
        out[o * inner + j] = m + Math.log(lineSumExp(a.data, base, n, inner, m));
      }
    }
  }
  const shape = a.shape.slice();
  if (keepDims) shape[ax] = 1;
  else shape.splice(ax, 1);
  return new Tensor(out, shape);
}

/**
 * `softmax(x)_k = e^{x_k − m} / Σ_j e^{x_j − m}` along `axis` (default last), `m = max x` for stability.
 * @param a e.g. logits `[B, V]`
 * @returns probabilities of the same shape, summing to 1 along `axis`
 */
export function softmax(a: Tensor, axis = -1): Tensor {
  checkTensor("softmax", "a", a);
  const ax = normAxis("softmax", axis, a.rank);
  const [outer, n, inner] = axisSplit(a.shape, ax);
  const out = new Float64Array(a.size);
  if (inner === 1 && n > 0) {
    lastAxisRows(a, out, outer, n); // out = e^{x − m} / Σ, the loop below's values
    return new Tensor(out, a.shape);
  }
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const m = lineMax(a.data, o * n * inner + j, n, inner);
      let s = 0;
      for (let k = 0; k < n; k++) {
        const e = Math.exp(a.data[(o * n + k) * inner + j] - m);
        out[(o * n + k) * inner + j] = e;
        s += e;
      }
      for (let k = 0; k < n; k++) out[(o * n + k) * inner + j] /= s;
    }
  }
  return new Tensor(out, a.shape);
}

/**
 * `log softmax(x)_k = x_k − logSumExp(x)` along `axis` (default last), computed as `(x_k − m) − log Σ_j e^{x_j − m}`
 * with `m = max x` (as PyTorch does): subtracting a rounded `logSumExp` from a huge `x_k` would cancel
 * (two equal logits of 1e16 give exactly `−ln 2` here, and 0 the other way).
 */
export function logSoftmax(a: Tensor, axis = -1): Tensor {
  checkTensor("logSoftmax", "a", a);
  const ax = normAxis("logSoftmax", axis, a.rank);
  const [outer, n, inner] = axisSplit(a.shape, ax);
  if (n === 0) throw new Error(`logSoftmax: axis ${ax} of ${fmtShape(a.shape)} is empty`);
  const out = new Float64Array(a.size);
  if (inner === 1) {
    const { m, s } = lastAxisRows(a, out, outer, n);
    for (let o = 0; o < outer; o++) {
      const ls = Math.log(s[o]);
      for (let k = o * n; k < (o + 1) * n; k++) out[k] = (a.data[k] - m[o]) - ls;
    }
    return new Tensor(out, a.shape);
  }
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * n * inner + j;
      const m = lineMax(a.data, base, n, inner);
      const ls = Math.log(lineSumExp(a.data, base, n, inner, m));
      for (let k = 0; k < n; k++) {
        const i = (o * n + k) * inner + j;
        out[i] = (a.data[i] - m) - ls;
      }
    }
  }
  return new Tensor(out, a.shape);
}
