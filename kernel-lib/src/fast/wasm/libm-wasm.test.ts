// The float64 exp, tanh and σ of libm64.wat and libm64x2.wat give exactly the bits of Math.exp, Math.tanh and sigmoidScalar (V8's fdlibm port).
import { strict as assert } from "node:assert";
import { GEMM_SIMD_WASM_BASE64 } from "./wasm-gemm-bytes";
import { sigmoidScalar } from "../../tensor/activations";
import { Rng } from "../../tensor/random";

interface LibmExports {
  mem: { buffer: ArrayBuffer; grow(pages: number): number };
  exp64(x: number): number; tanh64(x: number): number; sigmoid64(x: number): number;
  /** the two-lane versions the gate loop uses, on n (even) values in place at byte address p */
  exp64x2rows(p: number, n: number): void; tanh64x2rows(p: number, n: number): void; sigmoid64x2rows(p: number, n: number): void;
}

const libm = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(GEMM_SIMD_WASM_BASE64, "base64")), {}).exports as unknown as LibmExports;

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
function bitsOf(x: number): bigint {
  f64[0] = x;
  return u64[0];
}
function fromBits(b: bigint): number {
  u64[0] = BigInt.asUintN(64, b);
  return f64[0];
}
/** The double `steps` units in the last place away from x (through ±0 and into subnormals like nextafter). */
function ulpStep(x: number, steps: number): number {
  if (x === 0) return steps === 0 ? x : Math.sign(steps) * fromBits(BigInt(Math.abs(steps)));
  const b = bitsOf(x);
  return fromBits(x > 0 ? b + BigInt(steps) : b - BigInt(steps));
}
/** The double with high word `hi` and low word `lo`. */
function words(hi: number, lo: number): number {
  return fromBits((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
}
/** Same bits (any NaN matches any NaN: JavaScript does not preserve NaN payloads). */
function same(a: number, b: number): boolean {
  return (Number.isNaN(a) && Number.isNaN(b)) || bitsOf(a) === bitsOf(b);
}

const CHUNK = 1 << 15; // values per call of the two-lane entry points (256 KiB of the module's memory)
libm.mem.grow(4);

/** `name` (a two-lane entry point) applied to `xs` chunk by chunk through the module's memory. */
function twoLanes(name: "exp64x2rows" | "tanh64x2rows" | "sigmoid64x2rows", xs: Float64Array): Float64Array {
  const out = new Float64Array(xs.length);
  const mem = new Float64Array(libm.mem.buffer, 0, CHUNK);
  for (let q = 0; q < xs.length; q += CHUNK) {
    const part = xs.subarray(q, Math.min(xs.length, q + CHUNK));
    mem.set(part);
    libm[name](0, part.length & ~1);
    out.set(mem.subarray(0, part.length & ~1), q);
  }
  return out;
}

/**
 * Compares the scalar functions and their two-lane versions with the JavaScript references on `xs` (shuffled into
 * pairs of unlike values as well, so both lanes see every branch next to every other); fails naming the first differing input.
 */
function compareAll(list: Float64Array | number[]): void {
  const xs = list instanceof Float64Array ? list : Float64Array.from(list);
  const refs = { exp: xs.map(Math.exp), tanh: xs.map(Math.tanh), sig: xs.map(sigmoidScalar) };
  const check = (what: string, x: number, got: number, want: number): void => {
    if (!same(got, want)) assert.fail(`${what}(${x}) = ${got}, JavaScript gives ${want} (bits of x ${bitsOf(x).toString(16)})`);
  };
  for (let n = 0; n < xs.length; n++) {
    const x = xs[n];
    check("exp64", x, libm.exp64(x), refs.exp[n]);
    check("tanh64", x, libm.tanh64(x), refs.tanh[n]);
    check("sigmoid64", x, libm.sigmoid64(x), refs.sig[n]);
  }
  const fresh = (xs.length & ~1) !== xs.length ? xs.subarray(0, xs.length - 1) : xs;
  for (const [name, ref] of [["exp64x2rows", refs.exp], ["tanh64x2rows", refs.tanh], ["sigmoid64x2rows", refs.sig]] as const) {
    const got = twoLanes(name, fresh);
    for (let n = 0; n < fresh.length; n++) check(name, fresh[n], got[n], ref[n]);
    // the same values paired differently: lane 0 from the front, lane 1 from the back
    const paired = new Float64Array(fresh.length);
    for (let n = 0; n < fresh.length / 2; n++) { paired[2 * n] = fresh[n]; paired[2 * n + 1] = fresh[fresh.length - 1 - n]; }
    const got2 = twoLanes(name, paired);
    for (let n = 0; n < fresh.length / 2; n++) {
      check(name, fresh[n], got2[2 * n], ref[n]);
      check(name, fresh[fresh.length - 1 - n], got2[2 * n + 1], ref[fresh.length - 1 - n]);
    }
  }
}

/** x and its neighbours −3 … +3 ulps, with both signs. */
function around(x: number): number[] {
  const out: number[] = [];
  for (let s = -3; s <= 3; s++) { const y = ulpStep(x, s); out.push(y, -y); }
  return out;
}

describe("exp64 / tanh64 / sigmoid64 and their two-lane versions (float64 libm in WebAssembly, bit-identical to V8)", () => {
  it("special values: ±0, ±∞, NaN, the smallest and largest doubles, ±1", () => {
    compareAll([0, -0, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.5, -0.5, 2, -2]);
    assert.ok(Object.is(libm.tanh64(-0), -0), "tanh64(−0) is −0");
    assert.equal(libm.exp64(-Infinity), 0);
    assert.equal(libm.tanh64(-Infinity), -1);
    assert.ok(Number.isNaN(libm.sigmoid64(NaN)));
  });

  it("the branch thresholds of exp, expm1 and tanh and their neighbours (±3 ulps, both signs)", () => {
    const xs: number[] = [];
    // high words where exp (x), expm1 (at 2|x|, so x/2 as well) and tanh switch branches, with low words 0 and all ones
    const his = [0x40862e42, 0x3fd62e42, 0x3ff0a2b2, 0x3e300000, 0x4043687a, 0x3c900000, 0x40360000, 0x3ff00000, 0x7fefffff, 0x00100000];
    for (const hi of his) {
      for (const lo of [0, 0xffffffff, 0x80000000]) {
        const x = words(hi, lo);
        xs.push(...around(x), ...around(x / 2));
      }
    }
    // exp's overflow and underflow thresholds, and exp's special case x = 1
    for (const x of [7.09782712893383973096e2, -7.45133219101941108420e2, -7.08396418532264106224e2, 1, Math.LN2 / 2, 1.5 * Math.LN2, 22, 1]) {
      xs.push(...around(x), ...around(x / 2));
    }
    // where the reduction's k = trunc(x/ln2 ± 1/2) steps, for every k exp and tanh reach (exp: −1075 … 1024; expm1 in tanh: up to 64)
    for (let k = -1080; k <= 1030; k++) xs.push(...around((k + 0.5) * Math.LN2), ...around(((k + 0.5) * Math.LN2) / 2));
    compareAll(xs);
  });

  it("1.2 million seeded values from 1e-320 to 1e3 in magnitude, both signs, and dense in [−40, 40]", () => {
    const rng = new Rng(2024);
    const n = 400_000;
    const xs = new Float64Array(3 * n);
    for (let q = 0; q < n; q++) {
      const sign = rng.uniform() < 0.5 ? -1 : 1;
      xs[3 * q] = sign * 10 ** (-320 + rng.uniform() * 323); // every magnitude, subnormals to 1e3
      xs[3 * q + 1] = (rng.uniform() * 2 - 1) * 40;          // the range of gate pre-activations and all tanh branches
      xs[3 * q + 2] = (rng.uniform() * 2 - 1) * 750;         // every k of exp, overflow and underflow
    }
    compareAll(xs);
  });
});
