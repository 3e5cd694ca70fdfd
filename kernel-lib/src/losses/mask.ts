// Shared input normalisation for the losses: row masks and class-index targets, checked with clear errors.
import { Tensor, fmtShape, sameShape } from "../tensor";
import { argError, describe } from "../args";

/** A row mask: `number[]` or a Tensor (`[N]`, or `[T, B]` flattened row-major) of 0/1 values, 1 = the row counts. */
export type RowMask = readonly number[] | Tensor;

/** Class indices, one per row: `number[]` or a Tensor of integers (`[N]` or `[T, B]`). */
export type Targets = readonly number[] | Tensor;

/**
 * The mask as a flat array of 0/1 of length `rows` (null when absent). Throws, naming `fn`,
 * when the length differs or a value is not 0 or 1.
 */
export function maskToArray(fn: string, mask: RowMask | null | undefined, rows: number, leading?: readonly number[]): Float64Array | null {
  if (mask === undefined || mask === null) return null;
  checkRowShape(fn, "mask", mask, rows, leading);
  const values = mask instanceof Tensor ? mask.data : Float64Array.from(mask);
  const what = mask instanceof Tensor ? `shape ${fmtShape(mask.shape)}` : `length ${values.length}`;
  if (values.length !== rows) throw new Error(`${fn}: mask must have ${rows} entries (one per row), got ${what}`);
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== 0 && values[i] !== 1) throw new Error(`${fn}: mask must hold only 0 and 1, got ${values[i]} at ${i}`);
  }
  return values;
}

/**
 * The targets as a flat array of length `rows`. Throws when the length differs, or when an
 * unmasked target is not an integer in `[0, classes)` (masked rows may hold anything, e.g. −1 padding).
 */
export function targetsToArray(fn: string, targets: Targets, rows: number, classes: number, mask: Float64Array | null, leading?: readonly number[]): Float64Array {
  if (targets === undefined || targets === null) throw new Error(`${fn}: targets are required (${rows} class indices)`);
  checkRowShape(fn, "targets", targets, rows, leading);
  const values = targets instanceof Tensor ? targets.data : Float64Array.from(targets);
  if (values.length !== rows) {
    const what = targets instanceof Tensor ? `shape ${fmtShape(targets.shape)}` : `length ${values.length}`;
    throw new Error(`${fn}: targets must have ${rows} entries (one per row), got ${what}`);
  }
  for (let i = 0; i < rows; i++) {
    if (mask && mask[i] === 0) continue;
    const k = values[i];
    if (!Number.isInteger(k) || k < 0 || k >= classes) {
      throw new Error(`${fn}: target ${k} at row ${i} is out of range for ${classes} classes`);
    }
  }
  return values;
}

/**
 * A per-row Tensor must have the logits' leading axes (`[T, B]` for `[T, B, C]`), compared axis by axis, or be flat `[rows]`;
 * an array must be a flat array of numbers. (Comparing only the count would accept `[B, T]` and read it in the wrong order.)
 */
function checkRowShape(fn: string, name: string, v: unknown, rows: number, leading?: readonly number[]): void {
  const want = leading && leading.length > 1 ? `${fmtShape(leading)} (or flat [${rows}])` : `[${rows}]`;
  if (v instanceof Tensor) {
    const flat = v.rank === 1 && v.shape[0] === rows;
    if (!flat && !(leading && sameShape(v.shape, leading))) throw new Error(`${fn}: ${name} must be ${want}, one per row, got ${fmtShape(v.shape)}`);
    return;
  }
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw argError(fn, name, `a Tensor ${want} or an array of ${rows} numbers`, v);
  const bad = Array.prototype.findIndex.call(v, (e: unknown) => typeof e !== "number");
  if (bad >= 0) throw new Error(`${fn}: ${name} must be a flat array of numbers, got ${describe((v as unknown[])[bad])} at ${bad}`);
}

/** Splits logits `[N, C]` or `[T, B, C]` into `rows = N` (or `T·B`) and `classes = C`. */
export function rowsAndClasses(fn: string, logits: Tensor): [number, number] {
  if (!(logits instanceof Tensor)) throw argError(fn, "logits", "a Tensor [N, C] or [T, B, C]", logits);
  if (logits.rank !== 2 && logits.rank !== 3) {
    throw new Error(`${fn}: logits must be [N, C] or [T, B, C], got ${fmtShape(logits.shape)}`);
  }
  const classes = logits.shape[logits.rank - 1];
  return [logits.size / Math.max(classes, 1), classes];
}

/**
 * An element-wise mask for `pred`: the mask may cover every element (`size` of pred) or the leading
 * axes (`[T, B]` for pred `[T, B, D]`), in which case each entry covers a row of `width` elements.
 * @returns the mask and the row width (1 for an element-wise mask)
 */
export function elementMask(fn: string, mask: RowMask | undefined, pred: Tensor): { m: Float64Array | null; width: number } {
  if (mask === undefined || mask === null) return { m: null, width: 1 };
  if (!(mask instanceof Tensor) && !Array.isArray(mask)) throw argError(fn, "mask", `a Tensor or an array of 0/1 covering ${fmtShape(pred.shape)} or its leading axes`, mask);
  const n = mask instanceof Tensor ? mask.size : mask.length;
  // a Tensor mask is compared axis by axis with pred's leading axes (a [B, T] mask for [T, B, D] is refused); a flat one by its length
  const prefix = (k: number) => pred.shape.slice(0, k).reduce((a, d) => a * d, 1);
  const covers = mask instanceof Tensor
    ? (mask.rank >= 1 && sameShape(mask.shape, pred.shape.slice(0, mask.rank))) || (mask.rank === 1 && pred.shape.some((_, k) => prefix(k + 1) === n))
    : pred.shape.some((_, k) => prefix(k + 1) === n);
  if (n === 0 || !covers) {
    const what = mask instanceof Tensor ? `shape ${fmtShape(mask.shape)}` : `length ${n}`;
    throw new Error(`${fn}: mask must cover pred ${fmtShape(pred.shape)} element-wise or by leading axes, got ${what}`);
  }
  return { m: maskToArray(fn, mask, n, mask instanceof Tensor ? mask.shape : undefined), width: pred.size / n };
}

/**
 * The masked mean of an element-wise loss and its gradient: `L = (1/M) Σ_i m_i ℓ(a_i, b_i)`, `M = Σ m_i`
 * over elements, `∂L/∂a_i = m_i ℓ'(a_i, b_i) / M`. Checks that `b` has `a`'s shape.
 * @param term returns `[ℓ(a_i, b_i), ∂ℓ/∂a_i]`
 */
export function elementwiseMean(
  fn: string, names: [string, string], a: Tensor, b: Tensor, mask: RowMask | undefined,
  term: (a: number, b: number) => [number, number],
): { loss: number; grad: Tensor } {
  if (!(a instanceof Tensor)) throw argError(fn, names[0], "a Tensor", a);
  if (!(b instanceof Tensor)) throw argError(fn, names[1], `a Tensor shaped like ${names[0]} ${fmtShape(a.shape)}`, b);
  if (!sameShape(a.shape, b.shape)) {
    throw new Error(`${fn}: ${names[1]} must have ${names[0]}'s shape ${fmtShape(a.shape)}, got ${fmtShape(b.shape)}`);
  }
  const { m, width } = elementMask(fn, mask, a);
  const count = m ? m.reduce((s, v) => s + v, 0) * width : a.size;
  const denom = Math.max(count, 1);
  const grad = new Float64Array(a.size);
  let total = 0;
  for (let i = 0; i < a.size; i++) {
    if (m && m[Math.floor(i / width)] === 0) continue;
    const [l, d] = term(a.data[i], b.data[i]);
    total += l;
    grad[i] = d / denom;
  }
  return { loss: total / denom, grad: new Tensor(grad, a.shape) };
}
