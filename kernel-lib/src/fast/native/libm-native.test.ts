// The native float64 exp, tanh and σ (native/libm.c and the vector forms in gates64-tiles.h) give exactly the bits of
// Math.exp, Math.tanh and sigmoidScalar on every vector width this CPU has, lanes holding every mix of branches.
import { strict as assert } from "node:assert";
import { sigmoidScalar } from "../../tensor/activations";
import { Rng } from "../../tensor/random";
import { nativeAddon, nativeKernels, setNativeKernels } from "./gemm-native";
import { nativeIsasPresent } from "../environments";

interface Rows64 { rows64(x: Float64Array, which: number): boolean }

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const bitsOf = (x: number): bigint => { f64[0] = x; return u64[0]; };
const fromBits = (b: bigint): number => { u64[0] = BigInt.asUintN(64, b); return f64[0]; };
/** x and its neighbours −3 … +3 ulps, with both signs. */
function around(x: number): number[] {
  const out: number[] = [];
  for (let s = -3; s <= 3; s++) {
    const y = x === 0 ? fromBits(BigInt(Math.abs(s))) : fromBits(bitsOf(x) + BigInt(x > 0 ? s : -s));
    out.push(y, -y);
  }
  return out;
}
const words = (hi: number, lo: number): number => fromBits((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));

/** The values of libm-wasm.test.ts: specials, every branch threshold ±3 ulps, every reduction step k, 1.2 M seeded values. */
function testValues(): Float64Array {
  const xs: number[] = [0, -0, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.5, -0.5, 2, -2];
  for (const hi of [0x40862e42, 0x3fd62e42, 0x3ff0a2b2, 0x3e300000, 0x4043687a, 0x3c900000, 0x40360000, 0x3ff00000, 0x7fefffff, 0x00100000]) {
    for (const lo of [0, 0xffffffff, 0x80000000]) { const x = words(hi, lo); xs.push(...around(x), ...around(x / 2)); }
  }
  for (const x of [7.09782712893383973096e2, -7.45133219101941108420e2, -7.08396418532264106224e2, 1, Math.LN2 / 2, 1.5 * Math.LN2, 22, 708]) {
    xs.push(...around(x), ...around(x / 2));
  }
  for (let k = -1080; k <= 1030; k++) xs.push(...around((k + 0.5) * Math.LN2), ...around(((k + 0.5) * Math.LN2) / 2));
  const rng = new Rng(2024);
  for (let q = 0; q < 400_000; q++) {
    const sign = rng.uniform() < 0.5 ? -1 : 1;
    xs.push(sign * 10 ** (-320 + rng.uniform() * 323), (rng.uniform() * 2 - 1) * 40, (rng.uniform() * 2 - 1) * 750);
  }
  return Float64Array.from(xs);
}

describe("native float64 exp / tanh / σ (bit-identical to V8's Math.exp, Math.tanh and sigmoidScalar)", function () {
  this.timeout(60000);
  const info = nativeKernels();
  const isas = nativeIsasPresent();
  if (info.available) setNativeKernels(true, info.isa as "avx512f");
  afterEach(() => { if (info.available) setNativeKernels(true, info.isa as "avx512f"); });
  const xs = testValues();
  const refs = [xs.map(Math.tanh), xs.map(sigmoidScalar), xs.map(Math.exp)];
  const names = ["tanh", "sigmoid", "exp"];

  for (const isa of isas) {
    it(`${isa}: every value, in place, and shifted by 1…7 so each lane meets every neighbour (${xs.length} values × 3 functions)`, () => {
      setNativeKernels(true, isa);
      const addon = nativeAddon<Rows64>()!;
      for (let which = 0; which < 3; which++) {
        for (const shift of [0, 1, 3, 5, 7]) {
          const got = xs.slice(shift);
          assert.ok(addon.rows64(got, which));
          for (let n = 0; n < got.length; n++) {
            const want = refs[which][n + shift];
            if (!(Object.is(got[n], want) || (Number.isNaN(got[n]) && Number.isNaN(want)))) {
              assert.fail(`${names[which]}(${xs[n + shift]}) = ${got[n]}, JavaScript gives ${want} (bits of x ${bitsOf(xs[n + shift]).toString(16)}, shift ${shift})`);
            }
          }
        }
      }
    });
  }

  it("runs on every width this CPU has where the add-on is built (CI requires it), on none where it is not", () => {
    if (info.available) assert.ok(isas.includes(info.isa as "avx512f"));
    else assert.equal(isas.length, 0);
  });
});
