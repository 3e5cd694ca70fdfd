// Making tensors: from nested arrays or a Float64Array, and the filled ones (zeros, ones, full, eye, arange).
import { Tensor, checkTensor, fmtShape, sizeOf } from "./tensor";
import { argError, checkNumber, checkShapeArg, describe } from "../args";

/** Nested arrays of numbers, as accepted by {@link tensor}. */
export type NestedArray = number | NestedArray[];

/**
 * Makes a tensor from nested number arrays or a flat `Float64Array`/`number[]` with a shape.
 * @param values nested arrays (shape inferred, must be rectangular) or flat values
 * @param shape required for flat values; checked against nested values
 * @example
 * tensor([[1, 2], [3, 4]]).shape;          // [2, 2]
 * tensor(new Float64Array(6), [2, 3]);    // zeros of shape [2, 3]
 */
export function tensor(values: NestedArray | Float64Array | readonly number[], shape?: readonly number[]): Tensor {
  if (shape !== undefined) checkShapeArg("tensor", "shape", shape);
  if (typeof values !== "number" && !Array.isArray(values) && !(values instanceof Float64Array)) {
    throw argError("tensor", "values", "a number, nested arrays of numbers or a Float64Array", values);
  }
  if (values instanceof Float64Array) {
    return new Tensor(values.slice(), shape ?? [values.length]);
  }
  if (typeof values === "number") {
    return new Tensor(new Float64Array([values]), shape ?? []);
  }
  const inferred: number[] = [];
  let level: any = values;
  while (Array.isArray(level)) {
    inferred.push(level.length);
    level = level[0];
  }
  const flat = new Float64Array(sizeOf(inferred));
  let k = 0;
  const walk = (v: any, axis: number): void => {
    if (axis === inferred.length) {
      if (typeof v !== "number") throw new Error(`tensor: expected a number at depth ${axis}, got ${describe(v)}`);
      flat[k++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== inferred[axis]) {
      throw new Error(`tensor: nested arrays are ragged: axis ${axis} should have length ${inferred[axis]}, got ${Array.isArray(v) ? v.length : typeof v}`);
    }
    for (const e of v) walk(e, axis + 1);
  };
  walk(values, 0);
  if (shape) {
    if (sizeOf(shape) !== flat.length) {
      throw new Error(`tensor: values have shape ${fmtShape(inferred)} (${flat.length} values), cannot be shape ${fmtShape(shape)}`);
    }
    return new Tensor(flat, shape);
  }
  return new Tensor(flat, inferred);
}

/** A tensor of zeros. @param shape e.g. `[B, H]` */
export function zeros(shape: readonly number[]): Tensor {
  checkShapeArg("zeros", "shape", shape);
  return new Tensor(new Float64Array(sizeOf(shape)), shape);
}

/** A tensor of ones. @param shape e.g. `[B, H]` */
export function ones(shape: readonly number[]): Tensor {
  checkShapeArg("ones", "shape", shape);
  return full(shape, 1);
}

/** A tensor filled with `value`. @param shape e.g. `[B, H]` */
export function full(shape: readonly number[], value: number): Tensor {
  checkShapeArg("full", "shape", shape);
  if (typeof value !== "number") throw argError("full", "value", "a number", value);
  return new Tensor(new Float64Array(sizeOf(shape)).fill(value), shape);
}

/** Zeros with the shape of `t`. */
export function zerosLike(t: Tensor): Tensor {
  checkTensor("zerosLike", "t", t);
  return zeros(t.shape);
}

/** The identity matrix `[n, n]`. */
export function eye(n: number): Tensor {
  checkShapeArg("eye", "n", [n, n]);
  const t = zeros([n, n]);
  for (let i = 0; i < n; i++) t.data[i * n + i] = 1;
  return t;
}

/**
 * Values `start, start+step, …` below `stop` (above it for a negative step), shape `[n]`, `n = ⌈(stop − start) / step⌉`.
 * As `torch.arange`, a step of 0 or one pointing away from `stop` is refused (it would give an empty or endless range).
 */
export function arange(start: number, stop?: number, step = 1): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  checkNumber("arange", "start", start);
  checkNumber("arange", "stop", stop);
  checkNumber("arange", "step", step);
  if (step === 0 || (stop - start) * step < 0) {
    throw new Error(`arange: step ${step} must be non-zero and point from start ${start} towards stop ${stop}`);
  }
  checkShapeArg("arange", "the number of values", [Math.ceil((stop - start) / step)]);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const t = zeros([n]);
  for (let i = 0; i < n; i++) t.data[i] = start + i * step;
  return t;
}
