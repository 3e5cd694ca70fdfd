// Element-wise arithmetic with NumPy broadcasting, and element-wise maps.
import { Tensor, checkTensor, fmtShape, sameShape, sizeOf } from "./tensor";
import { argError, checkFunction, checkNumber } from "../args";

/** The broadcast shape of `a` and `b` (NumPy rules), or an error naming `fn`. */
export function broadcastShapes(fn: string, a: readonly number[], b: readonly number[]): number[] {
  if (!Array.isArray(a)) throw argError(fn, "a", "a shape (an array)", a);
  if (!Array.isArray(b)) throw argError(fn, "b", "a shape (an array)", b);
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${fn}: shapes ${fmtShape(a)} and ${fmtShape(b)} do not broadcast (axis ${i}: ${da} vs ${db})`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides of `shape` seen inside `outShape`, with 0 on broadcast axes. */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const n = outShape.length;
  const strides = new Array<number>(n).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const axis = n - shape.length + i;
    strides[axis] = shape[i] === 1 ? 0 : s;
    s *= shape[i];
  }
  return strides;
}

function binary(fn: string, a: Tensor | number, b: Tensor | number, f: (x: number, y: number) => number): Tensor {
  if (typeof a === "number") a = new Tensor(new Float64Array([a]), []);
  if (typeof b === "number") b = new Tensor(new Float64Array([b]), []);
  if (!(a instanceof Tensor)) throw argError(fn, "a", "a Tensor or a number", a);
  if (!(b instanceof Tensor)) throw argError(fn, "b", "a Tensor or a number", b);
  const ad = a.data;
  const bd = b.data;
  if (sameShape(a.shape, b.shape)) {
    const out = new Float64Array(ad.length);
    for (let i = 0; i < out.length; i++) out[i] = f(ad[i], bd[i]);
    return new Tensor(out, a.shape);
  }
  if (b.size === 1) {
    const y = bd[0];
    const out = new Float64Array(ad.length);
    for (let i = 0; i < out.length; i++) out[i] = f(ad[i], y);
    return new Tensor(out, a.shape.length >= b.shape.length ? a.shape : broadcastShapes(fn, a.shape, b.shape));
  }
  const shape = broadcastShapes(fn, a.shape, b.shape);
  const sa = broadcastStrides(a.shape, shape);
  const sb = broadcastStrides(b.shape, shape);
  const out = new Float64Array(sizeOf(shape));
  const idx = new Array<number>(shape.length).fill(0);
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = f(ad[ia], bd[ib]);
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      idx[axis]++;
      ia += sa[axis];
      ib += sb[axis];
      if (idx[axis] < shape[axis]) break;
      ia -= sa[axis] * shape[axis];
      ib -= sb[axis] * shape[axis];
      idx[axis] = 0;
    }
  }
  return new Tensor(out, shape);
}

/** `a + b`, broadcasting. @example add(x, bias) // [B, H] + [H] */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("add", a, b, (x, y) => x + y);
}
/** `a − b`, broadcasting. */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("sub", a, b, (x, y) => x - y);
}
/** `a ∗ b` (Hadamard product), broadcasting. */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("mul", a, b, (x, y) => x * y);
}
/** `a / b`, broadcasting. */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("div", a, b, (x, y) => x / y);
}
/** `max(a, b)` element-wise, broadcasting. */
export function maximum(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("maximum", a, b, (x, y) => (x > y ? x : y));
}
/** `min(a, b)` element-wise, broadcasting. */
export function minimum(a: Tensor | number, b: Tensor | number): Tensor {
  return binary("minimum", a, b, (x, y) => (x < y ? x : y));
}

/** Applies `f` to every element: `out_i = f(a_i)`. */
export function map(a: Tensor, f: (x: number, i: number) => number): Tensor {
  checkTensor("map", "a", a);
  checkFunction("map", "f", f);
  const out = new Float64Array(a.size);
  const d = a.data;
  for (let i = 0; i < out.length; i++) out[i] = f(d[i], i);
  return new Tensor(out, a.shape);
}

/** `−a`. */
export function neg(a: Tensor): Tensor {
  checkTensor("neg", "a", a);
  return map(a, (x) => -x);
}
/** `s · a` for a number `s`. */
export function scale(a: Tensor, s: number): Tensor {
  checkTensor("scale", "a", a);
  if (typeof s !== "number") throw argError("scale", "s", "a number", s);
  return map(a, (x) => s * x);
}
/** `eˣ` element-wise. */
export function exp(a: Tensor): Tensor {
  checkTensor("exp", "a", a);
  return map(a, Math.exp);
}
/** `ln x` element-wise. */
export function log(a: Tensor): Tensor {
  checkTensor("log", "a", a);
  return map(a, Math.log);
}
/** `√x` element-wise. */
export function sqrt(a: Tensor): Tensor {
  checkTensor("sqrt", "a", a);
  return map(a, Math.sqrt);
}
/** `x²` element-wise. */
export function square(a: Tensor): Tensor {
  checkTensor("square", "a", a);
  return map(a, (x) => x * x);
}
/** `|x|` element-wise. */
export function abs(a: Tensor): Tensor {
  checkTensor("abs", "a", a);
  return map(a, Math.abs);
}
/** `xᵖ` element-wise. */
export function pow(a: Tensor, p: number): Tensor {
  checkTensor("pow", "a", a);
  if (typeof p !== "number") throw argError("pow", "p", "a number", p);
  return map(a, (x) => Math.pow(x, p));
}
/** Clamps every element to `[lo, hi]`. */
export function clip(a: Tensor, lo: number, hi: number): Tensor {
  checkTensor("clip", "a", a);
  if (typeof lo !== "number" || Number.isNaN(lo)) throw argError("clip", "lo", "a number", lo);
  if (typeof hi !== "number" || !(hi >= lo)) throw argError("clip", "hi", `a number ≥ lo = ${lo}`, hi);
  return map(a, (x) => (x < lo ? lo : x > hi ? hi : x));
}

/** `a += s · b` in place (same shapes); returns `a`. The accumulate step of every gradient. */
export function addInPlace(a: Tensor, b: Tensor, s = 1): Tensor {
  checkTensor("addInPlace", "a", a);
  checkTensor("addInPlace", "b", b);
  if (typeof s !== "number") throw argError("addInPlace", "s", "a number", s);
  if (!sameShape(a.shape, b.shape)) throw new Error(`addInPlace: shapes must match, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  const ad = a.data;
  const bd = b.data;
  for (let i = 0; i < ad.length; i++) ad[i] += s * bd[i];
  return a;
}

/** True when every element of `a` and `b` differs by at most `atol + rtol·|b|`. */
export function allClose(a: Tensor, b: Tensor, rtol = 1e-9, atol = 1e-12): boolean {
  checkTensor("allClose", "a", a);
  checkTensor("allClose", "b", b);
  checkNumber("allClose", "rtol", rtol, { min: 0 });
  checkNumber("allClose", "atol", atol, { min: 0 });
  if (!sameShape(a.shape, b.shape)) return false;
  for (let i = 0; i < a.size; i++) {
    if (!(Math.abs(a.data[i] - b.data[i]) <= atol + rtol * Math.abs(b.data[i]))) return false;
  }
  return true;
}
