// Values as plain JSON across the grading boundary: numbers (NaN, ±∞, −0 tagged), strings, arrays, plain objects, tensors as {shape, data}, functions as handles. Decoding trusts no prototype.

/** An encoded value: JSON with tagged objects `{$n}`, `{$u}`, `{$t: {shape, data}}`, `{$a: [...]}` (typed array), `{$o: [[key, value], …]}`, `{$fn: id, o}`. */
export type Encoded = unknown;

/** Limits on what one message may carry. */
export const CODEC_LIMITS = { depth: 40, elements: 5_000_000 };

/** How functions cross: the sender registers its own and names the receiver's proxies by their id. */
export interface FunctionTable {
  /** Id of a function this side owns (registered on first use). */
  own(f: Function): number;
  /** When `f` is a proxy of the other side's function, its id there. */
  remoteId(f: Function): number | undefined;
  /** This side's function with id `id` (throws when unknown). */
  local(id: number): Function;
  /** A proxy calling the other side's function `id`. */
  proxy(id: number): Function;
}

/** Builds a tensor from trusted parts (the receiving side's own Tensor class). */
export type TensorFactory = (data: Float64Array, shape: number[]) => unknown;

const isTensorLike = (v: any): boolean => v !== null && typeof v === "object" && Array.isArray(v.shape) && (v.data instanceof Float64Array || v.data instanceof Float32Array);

const num = (x: number): Encoded => (Number.isNaN(x) ? { $n: "NaN" } : x === Infinity ? { $n: "Infinity" } : x === -Infinity ? { $n: "-Infinity" } : Object.is(x, -0) ? { $n: "-0" } : x);

/** Encodes `v` (own enumerable string keys of objects; class instances other than tensors become plain objects). */
export function encode(v: unknown, fns?: FunctionTable, budget = { n: 0 }, depth = 0): Encoded {
  if (++budget.n > CODEC_LIMITS.elements) throw new Error("value too large to send");
  if (typeof v === "number") return num(v);
  if (v === undefined) return { $u: 1 };
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "bigint") return String(v);
  if (typeof v === "symbol") return String(v.description ?? "");
  if (depth > CODEC_LIMITS.depth) throw new Error("value nested too deeply to send (a cycle?)");
  if (typeof v === "function") {
    if (!fns) return { $u: 1 };
    const r = fns.remoteId(v);
    return r !== undefined ? { $fn: r, o: 1 } : { $fn: fns.own(v), o: 0 };
  }
  const o = v as any;
  if (isTensorLike(o)) {
    budget.n += o.data.length;
    return { $t: { shape: Array.from(o.shape as number[], Number), data: Array.from(o.data as Float64Array, num) } };
  }
  if (ArrayBuffer.isView(o) && !(o instanceof DataView)) { budget.n += (o as any).length; return { $a: Array.from(o as any, (x: unknown) => num(Number(x))) }; }
  if (Array.isArray(o)) return Array.from(o, (x) => encode(x, fns, budget, depth + 1));
  return { $o: Object.keys(o).map((k) => [k, encode(o[k], fns, budget, depth + 1)]) };
}

const bad = (why: string): never => { throw new Error(`malformed value: ${why}`); };
const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function decodeNumber(x: unknown): number {
  if (typeof x === "number") return x;
  if (x && typeof x === "object" && own(x, "$n")) {
    const s = (x as { $n: unknown }).$n;
    if (s === "NaN") return NaN; if (s === "Infinity") return Infinity; if (s === "-Infinity") return -Infinity; if (s === "-0") return -0;
  }
  return bad("expected a number");
}

/**
 * Decodes a value from JSON.parse'd data. Objects are built key by key with defineProperty (a key `__proto__` stays
 * an own property), tensors through `makeTensor` after checking shape and size, functions through `fns`.
 */
export function decode(e: Encoded, makeTensor: TensorFactory, fns?: FunctionTable, depth = 0): unknown {
  if (depth > CODEC_LIMITS.depth) bad("nested too deeply");
  if (e === undefined || e === null || typeof e === "boolean" || typeof e === "string" || typeof e === "number") return e;
  if (Array.isArray(e)) { const out: unknown[] = []; for (let i = 0; i < e.length; i++) out.push(decode(e[i], makeTensor, fns, depth + 1)); return out; }
  if (typeof e !== "object") return bad(typeof e);
  const o = e as Record<string, unknown>;
  if (own(o, "$n")) return decodeNumber(o);
  if (own(o, "$u")) return undefined;
  if (own(o, "$t")) {
    const t = o.$t as { shape?: unknown; data?: unknown };
    if (!t || typeof t !== "object" || !Array.isArray(t.shape) || !Array.isArray(t.data)) return bad("tensor without shape and data");
    const shape = t.shape.map((d) => (Number.isInteger(d) && (d as number) >= 0 ? (d as number) : bad("tensor shape")));
    if (shape.reduce((s, d) => s * d, 1) !== t.data.length) bad("tensor size");
    return makeTensor(Float64Array.from(t.data, decodeNumber), shape);
  }
  if (own(o, "$a")) return Array.isArray(o.$a) ? Float64Array.from(o.$a, decodeNumber) : bad("typed array");
  if (own(o, "$fn")) {
    if (!fns || !Number.isInteger(o.$fn)) return bad("function handle");
    return o.o === 1 ? fns.local(o.$fn as number) : fns.proxy(o.$fn as number);
  }
  if (own(o, "$o") && Array.isArray(o.$o)) {
    const out: Record<string, unknown> = {};
    for (const kv of o.$o as unknown[]) {
      if (!Array.isArray(kv) || kv.length !== 2 || typeof kv[0] !== "string") bad("object entry");
      Object.defineProperty(out, (kv as [string])[0], { value: decode((kv as unknown[])[1], makeTensor, fns, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return bad("unknown tag");
}

/**
 * Copies the tensors of `after` (the arguments as the callee left them) into the caller's `orig` in place, so an
 * in-place update (clipping, zeroing) is seen; structure is never changed.
 */
export function writeBack(orig: unknown, after: Encoded, depth = 0): void {
  if (depth > CODEC_LIMITS.depth || orig === null || typeof orig !== "object" || after === null || typeof after !== "object") return;
  const a = after as Record<string, unknown>;
  if (isTensorLike(orig) && own(a, "$t")) {
    const t = a.$t as { data?: unknown[] }, dst = (orig as { data: Float64Array }).data;
    if (Array.isArray(t?.data) && t.data.length === dst.length) for (let i = 0; i < dst.length; i++) dst[i] = decodeNumber(t.data[i]);
    return;
  }
  if (Array.isArray(orig) && Array.isArray(after)) { for (let i = 0; i < Math.min(orig.length, after.length); i++) writeBack(orig[i], after[i], depth + 1); return; }
  if (own(a, "$o") && Array.isArray(a.$o)) {
    for (const kv of a.$o as unknown[]) {
      if (Array.isArray(kv) && typeof kv[0] === "string" && own(orig, kv[0])) writeBack((orig as Record<string, unknown>)[kv[0]], kv[1], depth + 1);
    }
  }
}

/** Decodes for scoring outside every kernel: tensors become `{shape, data: number[]}`, functions `"[function]"`. */
export function decodePlain(e: Encoded): unknown {
  return decode(e, (data, shape) => ({ shape, data: Array.from(data) }), {
    own: () => 0, remoteId: () => undefined, local: () => () => undefined, proxy: () => () => undefined,
  });
}
