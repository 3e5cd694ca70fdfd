// The fast backend's input-check scans (native scan.c, else JS) find the same index as the plain JS reference of
// tensor/kernels.ts: a planted NaN, ±∞ or out-of-range value at every offset of a block of 8 and around it, and none.
import { strict as assert } from "assert";
import { FAST_TENSOR_KERNELS } from "./products";
import { JS_TENSOR_KERNELS } from "../tensor/kernels";
import { Rng } from "../tensor";
import { nativeKernels, setNativeKernels } from "./native/gemm-native";
import { nativeIsasPresent } from "./environments";

const FLOAT32_MAX = 3.4028234663852886e38;

describe("input-check scans (fast against the JS reference)", () => {
  // every instruction set of the native scans, or the JS fallback when the add-on is not built
  const info = nativeKernels();
  const isas = nativeIsasPresent();
  if (info.available) setNativeKernels(true, isas[0]);
  after(() => { if (info.available) setNativeKernels(true, isas[0]); });
  const runs = info.available ? isas : ["(no add-on)"];
  const rng = new Rng(5);
  const base = (n: number) => Float64Array.from({ length: n }, () => (rng.uniform() - 0.5) * 1e6);
  const planted = [NaN, Infinity, -Infinity, 3.5e38, -1e300, FLOAT32_MAX, -FLOAT32_MAX, Number.MAX_VALUE];
  for (const n of [0, 1, 7, 8, 9, 16, 23, 300, 1031]) {
    it(`n = ${n}: firstNonFinite and firstOutside(±3.4e38, ±1e5, MAX_VALUE) at every planted position`, () => {
      const positions = n === 0 ? [] : [0, 1, 6, 7, 8, 9, n >> 1, n - 2, n - 1].filter((i) => i >= 0 && i < n);
      const cases: Float64Array[] = [base(n)];
      for (const i of positions) for (const v of planted) { const d = base(n); d[i] = v; if (i + 3 < n) d[i + 3] = NaN; cases.push(d); }
      for (const isa of runs) {
        if (info.available) setNativeKernels(true, isa as "avx2");
        for (const d of cases) {
          assert.equal(FAST_TENSOR_KERNELS.firstNonFinite(d), JS_TENSOR_KERNELS.firstNonFinite(d), isa);
          for (const limit of [FLOAT32_MAX, 1e5, Number.MAX_VALUE]) {
            assert.equal(FAST_TENSOR_KERNELS.firstOutside(d, limit), JS_TENSOR_KERNELS.firstOutside(d, limit), `${isa}, limit ${limit}`);
          }
        }
      }
    });
  }
  it("firstOutside(d, MAX_VALUE) is firstNonFinite(d), and ±limit itself is inside", () => {
    const d = Float64Array.from([1, -FLOAT32_MAX, FLOAT32_MAX, 2, Infinity]);
    assert.equal(JS_TENSOR_KERNELS.firstOutside(d, FLOAT32_MAX), 4);
    assert.equal(FAST_TENSOR_KERNELS.firstOutside(d, Number.MAX_VALUE), FAST_TENSOR_KERNELS.firstNonFinite(d));
  });
});
