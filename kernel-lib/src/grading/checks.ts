// Assertions for homework test cells with diagnostic messages; pure (plain arrays and `{shape, data}` duck types), so the grader reuses the same comparisons outside the kernel.

import { argError, checkFunction, checkNumber, checkOptions, checkString } from "../args/check";

/** The label and hint every check takes: a non-empty label, an optional string hint. */
function checkLabel(fn: string, label: unknown, hint?: unknown): void {
  checkString(fn, "label", label, true);
  if (hint !== undefined) checkString(fn, "hint", hint);
}

/** A tensor-like value: anything with a `shape` and a flat row-major `data`. */
export interface TensorLike { shape: number[]; data: ArrayLike<number> }

/** Tolerances of `close`: |a − e| ≤ atol + rtol·|e| element-wise. */
export interface Tolerance { rtol?: number; atol?: number }
export const DEFAULT_TOLERANCE: Required<Tolerance> = { rtol: 1e-6, atol: 1e-8 };

/** The outcome of one comparison: `ok`, and when not, why (without the label/hint). */
export interface Verdict { ok: boolean; why: string }

/** Flattens a number, nested array, typed array or tensor-like into `{shape, data}`; null when it is none of those. */
export function asNumeric(v: unknown): { shape: number[]; data: number[] } | null {
  if (typeof v === "number") return { shape: [], data: [v] };
  if (v && typeof v === "object" && "shape" in v && "data" in v) {
    const t = v as TensorLike;
    if (!Array.isArray(t.shape)) return null;
    return { shape: t.shape.slice(), data: Array.from(t.data as ArrayLike<number>, Number) };
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = Array.from(v as unknown as ArrayLike<number>, Number);
    return { shape: [a.length], data: a };
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return { shape: [0], data: [] };
    const parts = v.map(asNumeric);
    if (parts.some((p) => p === null)) return null;
    const inner = parts[0]!.shape;
    if (parts.some((p) => p!.shape.join(",") !== inner.join(","))) return null;
    return { shape: [v.length, ...inner], data: parts.flatMap((p) => p!.data) };
  }
  return null;
}

const fmtIndex = (flat: number, shape: number[]): string => {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) { idx.unshift(flat % shape[d]!); flat = Math.floor(flat / shape[d]!); }
  return `[${idx.join(", ")}]`;
};

/** Compares numbers/arrays/tensors element-wise within tolerance; the reason names the shape mismatch or the worst element. */
export function compareClose(actual: unknown, expected: unknown, tol: Tolerance = {}): Verdict {
  const { rtol, atol } = { ...DEFAULT_TOLERANCE, ...tol };
  const a = asNumeric(actual);
  const e = asNumeric(expected);
  if (!e) return compareEqual(actual, expected);
  if (!a) return { ok: false, why: `expected a number, array or tensor, got ${describe(actual)}` };
  if (a.shape.join(",") !== e.shape.join(",")) return { ok: false, why: `shape is [${a.shape.join(", ")}], expected [${e.shape.join(", ")}]` };
  let worst = -1, worstExcess = 0;
  for (let i = 0; i < e.data.length; i++) {
    const x = a.data[i]!, y = e.data[i]!;
    if (Number.isNaN(y) && Number.isNaN(x)) continue;
    if (x === y) continue;
    const excess = Number.isNaN(x) || Number.isNaN(y) ? Infinity : Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (excess > 0 && (worst < 0 || excess > worstExcess)) { worst = i; worstExcess = excess; }
  }
  if (worst < 0) return { ok: true, why: "" };
  return { ok: false, why: `worst element at ${fmtIndex(worst, e.shape)}: ${fmtPair(a.data[worst]!, e.data[worst]!)}` };
}

/** Deep structural equality of JSON-like values (numbers compared exactly, NaN equals NaN). */
export function compareEqual(actual: unknown, expected: unknown): Verdict {
  return deepEqual(actual, expected) ? { ok: true, why: "" } : { ok: false, why: `got ${describe(actual)}, expected ${describe(expected)}` };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (a === b) return true;
  const na = asNumeric(a), nb = asNumeric(b);
  if (na && nb && typeof a === "object" && typeof b === "object") return compareClose(a, b, { rtol: 0, atol: 0 }).ok;
  if (!a || !b || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
  if (ka.join("\u0000") !== kb.join("\u0000")) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A number in messages: 6 significant digits (integers and non-finite values as they are). */
export function fmtNumber(x: number): string {
  if (typeof x !== "number") throw argError("check.fmtNumber", "x", "a number", x);
  return Number.isInteger(x) || !Number.isFinite(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/** "got x, expected y" with 6 significant digits, more when needed to tell the two apart. */
function fmtPair(x: number, y: number): string {
  let p = 6;
  while (p < 17 && Number.isFinite(x) && Number.isFinite(y) && x !== y && x.toPrecision(p) === y.toPrecision(p)) p++;
  const f = (v: number) => (Number.isInteger(v) || !Number.isFinite(v) ? String(v) : String(Number(v.toPrecision(p))));
  return `got ${f(x)}, expected ${f(y)}`;
}

/** A short description of a value for messages. */
export function describe(v: unknown): string {
  const n = asNumeric(v);
  if (typeof v === "number") return fmtNumber(v);
  if (n && typeof v === "object") return `${n.shape.length ? `[${n.shape.join(", ")}] ` : ""}[${n.data.slice(0, 6).map(fmtNumber).join(",")}]${n.data.length > 6 ? "…" : ""}`;
  try { const s = JSON.stringify(v); return s === undefined ? String(v) : s.length > 120 ? s.slice(0, 117) + "…" : s; } catch { return String(v); }
}

/** The error thrown by a failing check: "label: why — hint". */
export class CheckError extends Error {
  constructor(label: string, why: string, hint?: string) {
    checkLabel("CheckError", label, hint);
    checkString("CheckError", "why", why);
    super(`${label}: ${why}${hint ? ` — ${hint}` : ""}`);
    this.name = "CheckError";
  }
}

/**
 * `close(label, actual, expected, hint?, tol?)` throws unless |actual − expected| ≤ atol + rtol·|expected| element-wise.
 * Example: `check.close("a_next when only b_a is non-zero", a, [[0.46, 0.76]], "check the bias term")`.
 * @param actual number | nested array | typed array | {shape, data}
 */
export function close(label: string, actual: unknown, expected: unknown, hint?: string, tol?: Tolerance): void {
  checkLabel("check.close", label, hint);
  // the user's tolerance is checked here; compareClose also scores records in the grader, where a bad one fails its check
  if (tol !== undefined) {
    checkOptions("check.close", "tol", tol, ["rtol", "atol"]);
    if (tol.rtol !== undefined) checkNumber("check.close", "tol.rtol", tol.rtol, { min: 0 });
    if (tol.atol !== undefined) checkNumber("check.close", "tol.atol", tol.atol, { min: 0 });
  }
  const v = compareClose(actual, expected, tol);
  if (!v.ok) throw new CheckError(label, v.why, hint);
}

/** `equal(label, actual, expected, hint?)` throws unless the two are structurally equal. */
export function equal(label: string, actual: unknown, expected: unknown, hint?: string): void {
  checkLabel("check.equal", label, hint);
  const v = compareEqual(actual, expected);
  if (!v.ok) throw new CheckError(label, v.why, hint);
}

/** `shape(label, t, dims, hint?)` throws unless `t.shape` equals `dims`. @param t {shape} */
export function shape(label: string, t: { shape: number[] } | null | undefined, dims: number[], hint?: string): void {
  checkLabel("check.shape", label, hint);
  if (!Array.isArray(dims) || !dims.every((d) => Number.isSafeInteger(d) && d >= 0)) throw argError("check.shape", "dims", "an array of non-negative integers (e.g. [2, 3])", dims);
  equal(label, t && Array.isArray(t.shape) ? t.shape.slice() : t, dims, hint);
}

/** `ok(label, condition, hint?)` throws unless the condition is true. */
export function ok(label: string, condition: unknown, hint?: string): void {
  checkLabel("check.ok", label, hint);
  if (condition !== true) throw new CheckError(label, `condition is ${describe(condition)}, expected true`, hint);
}

/** `throws(label, fn, pattern?, hint?)` throws unless `fn()` throws (with a message matching `pattern`, when given). */
export function throws(label: string, fn: () => unknown, pattern?: RegExp | string, hint?: string): void {
  checkLabel("check.throws", label, hint);
  checkThrowArgs("check.throws", fn, pattern);
  const r = throwOutcome(fn, pattern);
  if (r !== true) throw new CheckError(label, r === false ? "did not throw" : "threw an error with an unexpected message", hint);
}

/** true when fn throws (matching pattern), "mismatch" when it throws something else, false when it does not throw. */
export function throwOutcome(fn: () => unknown, pattern?: RegExp | string): boolean | "mismatch" {
  checkThrowArgs("check.throwOutcome", fn, pattern);
  try { fn(); } catch (e) {
    if (pattern === undefined) return true;
    const msg = e instanceof Error ? e.message : String(e);
    return (typeof pattern === "string" ? msg.includes(pattern) : pattern.test(msg)) ? true : "mismatch";
  }
  return false;
}

/** The function and optional pattern of {@link throws} / {@link throwOutcome}. */
function checkThrowArgs(caller: string, fn: unknown, pattern: unknown): void {
  checkFunction(caller, "fn", fn);
  if (pattern !== undefined && typeof pattern !== "string" && !(pattern instanceof RegExp)) throw argError(caller, "pattern", "a RegExp or a string", pattern);
}
