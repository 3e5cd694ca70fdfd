// The offset row kernels gemmRowsTB / gemmRowsNN give gemmNaive's bits (one sum per element, increasing k).
import { strict as assert } from "node:assert";
import { gemmRowsNN, gemmRowsTB } from "./gemm-js";
import { gemmNaive } from "./matmul";
import { Rng } from "./random";
import { randn } from "./index";

/** Values in [−1, 1) with a spread of magnitudes, so a changed summation order shows up in the last bits. */
function data(rng: Rng, n: number): Float64Array {
  const d = randn([n], { rng }).data;
  for (let i = 0; i < n; i++) d[i] *= 10 ** ((i % 7) - 3);
  return d;
}

function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}: element ${i} differs: ${a[i]} vs ${b[i]}`);
}

describe("gemmRowsTB / gemmRowsNN (offset kernels for small step products)", () => {
  const shapes: [number, number, number][] = [[1, 64, 16], [1, 16, 64], [1, 1, 1], [2, 13, 5], [3, 20, 7], [1, 9, 3], [5, 12, 11], [4, 4, 4], [1, 7, 0]];
  for (const [M, N, K] of shapes) {
    for (const acc of [false, true]) {
      it(`[${M}×${K}]·op(B) → [${M}×${N}], accumulate=${acc}: bit-identical to gemmNaive at offsets`, () => {
        const rng = new Rng(M * 1000 + N * 10 + K);
        const ao = 3, co = 5;
        const A = data(rng, ao + M * K + 2);
        const Bt = data(rng, N * K); // [N, K] for A·Bᵀ
        const Bn = data(rng, K * N); // [K, N] for A·B
        const C0 = data(rng, co + M * N + 4);
        for (const [name, kern, Bm, transB] of [["TB", gemmRowsTB, Bt, true], ["NN", gemmRowsNN, Bn, false]] as const) {
          const got = C0.slice();
          kern(got, co, A, ao, Bm, M, N, K, acc);
          const want = C0.slice();
          const c = want.subarray(co, co + M * N);
          gemmNaive(c, A.subarray(ao, ao + M * K), Bm, M, N, K, false, transB, acc);
          sameBits(got, want, name);
          // outside [co, co + M·N) nothing is written
          assert.equal(got[co - 1], C0[co - 1]);
          assert.equal(got[co + M * N], C0[co + M * N]);
        }
      });
    }
  }
});
