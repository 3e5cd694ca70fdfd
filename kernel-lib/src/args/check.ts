// One-line argument checks for public entries: each throws one error naming the function, the argument, what it must be and what it got.
//
// `LSTM: hiddenSize must be a positive integer, got "3" (string)`. The checks run once per call at a public entry,
// never inside a loop over elements; they import nothing, so every layer of the library can use them.

/** The largest extent or element count a tensor may have: a Float64Array of 2³¹ − 1 values (16 GiB) is past any real use. */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/**
 * A short, unambiguous description of a received value: `"3" (string)`, `-1`, `NaN`, `undefined`, `true (boolean)`,
 * `a Tensor [2, 3]`, `an array of length 4`, `an object { a, b }`, `a function`.
 */
export function describe(v: unknown): string {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  switch (typeof v) {
    case "number": return Object.is(v, -0) ? "-0" : String(v);
    case "string": return `${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)} (string)`;
    case "boolean": return `${v} (boolean)`;
    case "bigint": return `${v}n (bigint)`;
    case "symbol": return `${String(v)} (symbol)`;
    case "function": return `a function${v.name ? ` ${v.name}` : ""}`;
  }
  const o = v as { shape?: unknown; data?: unknown; constructor?: { name?: string } };
  if (Array.isArray(v)) return v.length <= 6 && v.every((e) => typeof e === "number") ? `[${v.join(", ")}] (array)` : `an array of length ${v.length}`;
  if (Array.isArray(o.shape) && o.data instanceof Float64Array) return `a Tensor [${o.shape.join(", ")}]`;
  if (ArrayBuffer.isView(v)) return `a ${o.constructor?.name ?? "typed array"} of length ${(v as unknown as { length: number }).length}`;
  const name = o.constructor?.name;
  if (name && name !== "Object") return `a ${name}`;
  const keys = Object.keys(v as object);
  return keys.length ? `an object { ${keys.slice(0, 5).join(", ")}${keys.length > 5 ? ", …" : ""} }` : "an empty object {}";
}

/** The error every check throws: `fn: name must be expected, got received`. */
export function argError(fn: string, name: string, expected: string, got: unknown): Error {
  return new Error(`${fn}: ${name} must be ${expected}, got ${describe(got)}`);
}

/** Bounds of a number: inclusive `min`/`max`, exclusive `above`/`below`. */
export interface NumberRange {
  min?: number;
  max?: number;
  above?: number;
  below?: number;
}

function rangeText(r: NumberRange): string {
  const parts: string[] = [];
  if (r.above !== undefined) parts.push(`> ${r.above}`);
  if (r.min !== undefined) parts.push(`≥ ${r.min}`);
  if (r.below !== undefined) parts.push(`< ${r.below}`);
  if (r.max !== undefined) parts.push(`≤ ${r.max}`);
  return parts.join(" and ");
}

function inRange(v: number, r: NumberRange): boolean {
  return (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max) &&
    (r.above === undefined || v > r.above) && (r.below === undefined || v < r.below);
}

/**
 * A finite number (a real `number`, not a numeric string) within `range`.
 * @example const lr = checkNumber("SGD", "lr", opts.lr, { min: 0 });
 */
export function checkNumber(fn: string, name: string, v: unknown, range: NumberRange = {}): number {
  if (typeof v !== "number" || !Number.isFinite(v) || !inRange(v, range)) {
    const r = rangeText(range);
    throw argError(fn, name, `a finite number${r ? ` ${r}` : ""}`, v);
  }
  return v;
}

/**
 * An integer (a `number`, not a string) within `range` (by default in `[−2⁵³, 2⁵³]`).
 * @example const H = checkInt("LSTM", "hiddenSize", opts.hiddenSize, { min: 1, max: MAX_ELEMENTS });
 */
export function checkInt(fn: string, name: string, v: unknown, range: NumberRange = {}): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || !inRange(v, range)) {
    const named = range.above === undefined && (range.min === 0 || range.min === 1);
    const what = !named ? "an integer" : range.min === 1 ? "a positive integer" : "a non-negative integer";
    const rest = rangeText(named ? { ...range, min: undefined } : range);
    throw argError(fn, name, `${what}${rest ? ` ${rest}` : ""}`, v);
  }
  return v;
}

/** A positive integer no larger than {@link MAX_ELEMENTS} (a size: hidden units, a vocabulary, a batch). */
export function checkSize(fn: string, name: string, v: unknown): number {
  checkInt(fn, name, v, { min: 1 });
  if ((v as number) > MAX_ELEMENTS) throw argError(fn, name, `at most ${MAX_ELEMENTS} (the most values a tensor holds)`, v);
  return v as number;
}

/** One of a closed set of options (strings compared exactly): `padding must be one of "pre", "post", got "middle" (string)`. */
export function checkOneOf<T>(fn: string, name: string, v: unknown, options: readonly T[]): T {
  if (!options.includes(v as T)) throw argError(fn, name, `one of ${options.map((o) => JSON.stringify(o)).join(", ")}`, v);
  return v as T;
}

/** A boolean (`true`/`false`, not a truthy value). */
export function checkBoolean(fn: string, name: string, v: unknown): boolean {
  if (typeof v !== "boolean") throw argError(fn, name, "true or false", v);
  return v;
}

/** A string (optionally non-empty). */
export function checkString(fn: string, name: string, v: unknown, nonEmpty = false): string {
  if (typeof v !== "string" || (nonEmpty && v.length === 0)) throw argError(fn, name, nonEmpty ? "a non-empty string" : "a string", v);
  return v;
}

/** A function (a callback). */
export function checkFunction<F extends (...a: never[]) => unknown>(fn: string, name: string, v: unknown): F {
  if (typeof v !== "function") throw argError(fn, name, "a function", v);
  return v as F;
}

/** An array, optionally with at least `minLength` entries. */
export function checkArray<T = unknown>(fn: string, name: string, v: unknown, minLength = 0): T[] {
  if (!Array.isArray(v) || v.length < minLength) throw argError(fn, name, minLength > 0 ? `an array of at least ${minLength} entr${minLength === 1 ? "y" : "ies"}` : "an array", v);
  return v as T[];
}

/**
 * An array of ids: integers in `[0, size)` (any non-negative integer without `size`), at least `minLength` of them.
 * One pass over the array; the error names the first bad entry: `sampleText: opts.prime[2] must be an id in [0, 5), got 7`.
 */
export function checkIds(fn: string, name: string, v: unknown, size?: number, minLength = 0): number[] {
  const range = size === undefined ? "a non-negative integer id" : `an id in [0, ${size})`;
  if (!Array.isArray(v) || v.length < minLength) throw argError(fn, name, `an array of ${minLength > 0 ? `at least ${minLength} ` : ""}ids (${range} each)`, v);
  for (let i = 0; i < v.length; i++) {
    const id = v[i];
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0 || (size !== undefined && id >= size)) throw argError(fn, `${name}[${i}]`, range, id);
  }
  return v as number[];
}

/**
 * An options object: `undefined` gives `{}`; anything else must be a plain object (not an array, a number or a Tensor).
 * With `known`, a key outside it is refused (a misspelt option would otherwise be ignored silently).
 */
export function checkOptions<O extends object>(fn: string, name: string, v: O | undefined | null, known?: readonly string[]): O {
  if (v === undefined) return {} as O;
  const proto = v === null || typeof v !== "object" ? undefined : Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) {
    throw argError(fn, name, known ? `an options object { ${known.join(", ")} }` : "an options object", v);
  }
  if (known) {
    const extra = Object.keys(v as object).filter((k) => !known.includes(k));
    if (extra.length) throw new Error(`${fn}: unknown option${extra.length > 1 ? "s" : ""} ${extra.join(", ")} in ${name}; known: ${known.join(", ")}`);
  }
  return v as O;
}

/**
 * An object with members (a row, a record, a parameter set): not null, an array, a function or a primitive; `what` says
 * which members, e.g. `"{ label, value }"`.
 */
export function checkObject<T extends object = Record<string, unknown>>(fn: string, name: string, v: unknown, what: string): T {
  if (v === null || typeof v !== "object" || Array.isArray(v) || ArrayBuffer.isView(v)) throw argError(fn, name, `an object ${what}`, v);
  return v as T;
}

/** An instance of `Class` (e.g. an `Rng`), described to the user as `what`. */
export function checkInstance<T>(fn: string, name: string, v: unknown, Class: abstract new (...a: never[]) => T, what: string): T {
  if (!(v instanceof Class)) throw argError(fn, name, what, v);
  return v;
}

/**
 * A shape: an array of non-negative integers whose product is at most {@link MAX_ELEMENTS}.
 * @example checkShapeArg("zeros", "shape", shape);  // zeros: shape must be an array of non-negative integers, got "3" (string)
 */
export function checkShapeArg(fn: string, name: string, v: unknown): number[] {
  if (!Array.isArray(v) || !v.every((d) => typeof d === "number" && Number.isSafeInteger(d) && d >= 0)) {
    throw argError(fn, name, "an array of non-negative integers (e.g. [2, 3])", v);
  }
  let n = 1;
  for (const d of v as number[]) n *= d;
  if (n > MAX_ELEMENTS) throw new Error(`${fn}: ${name} [${v.join(", ")}] holds ${n.toPrecision(3)} values, more than a tensor can (${MAX_ELEMENTS})`);
  return v as number[];
}

/**
 * Throws when tensors of these shapes would hold more than {@link MAX_ELEMENTS} values each, naming the argument that made them so
 * large: `LSTM: hiddenSize = 1e12 makes weight_hh [4000000000000, 1000000000000], more than a tensor can hold (2147483647 values)`.
 */
export function checkAllocation(fn: string, cause: string, shapes: Record<string, readonly number[]>): void {
  for (const [what, shape] of Object.entries(shapes)) {
    let n = 1;
    for (const d of shape) n *= d;
    if (n > MAX_ELEMENTS) throw new Error(`${fn}: ${cause} makes ${what} [${shape.join(", ")}], more than a tensor can hold (${MAX_ELEMENTS} values)`);
  }
}

/**
 * Parses JSON text given as an argument; a truncated or corrupt text gives an error naming the function and the argument
 * instead of a bare `SyntaxError`: `layerFromTorch: json is not valid JSON (Unterminated string in JSON at position 80; 80 characters: is the file complete?)`.
 */
export function parseJsonArg(fn: string, name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${fn}: ${name} is not valid JSON (${(e as Error).message}; ${text.length} characters: is the file complete?)`, { cause: e });
  }
}

/**
 * `v`, or `fallback` when `v` is undefined (absent). Unlike `??`, a `null` stays: the check after it refuses it by name
 * (`new Adam(ps, { lr: null })` is an error, not lr 1e-3). `checkNumber(fn, "lr", orDefault(opts.lr, 1e-3))`.
 */
export function orDefault<T>(v: T | null | undefined, fallback: T): T | null {
  return v === undefined ? fallback : v;
}
