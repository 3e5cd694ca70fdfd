// The fast gemm kernels agree with the naive reference on random shapes, every transpose case, with and without accumulation.
import { strict as assert } from "assert";
import { Rng, randn, gemm, gemmNaive } from "./index";

/** Largest |a − b| over two arrays. */
function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe("gemm", () => {
  const rng = new Rng(11);
  const sizes = [[1, 1, 1], [1, 7, 3], [4, 4, 4], [5, 9, 13], [8, 12, 1], [3, 17, 33], [33, 20, 7], [16, 64, 9], [2, 3, 0]];
  for (const [M, N, K] of sizes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const accumulate of [false, true]) {
          it(`[${M},${N},${K}] transA=${transA} transB=${transB} accumulate=${accumulate} agrees with gemmNaive`, () => {
            const A = randn([M * K], { rng }).data;
            const B = randn([K * N], { rng }).data;
            const C0 = randn([M * N], { rng }).data;
            const fast = C0.slice();
            const naive = C0.slice();
            gemm(fast, A, B, M, N, K, transA, transB, accumulate);
            gemmNaive(naive, A, B, M, N, K, transA, transB, accumulate);
            assert.ok(maxDiff(fast, naive) <= 1e-12, `max difference ${maxDiff(fast, naive)}`);
            // not just close: both sum each element's products in increasing k
            assert.deepEqual(fast, naive);
            if (!accumulate && M * N > 0 && K > 0) assert.notDeepEqual(fast, C0);
          });
        }
      }
    }
  }
});
