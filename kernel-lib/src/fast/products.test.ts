// The fast gemm kernels agree with the naive reference on random shapes, every transpose case, with and without accumulation.
import { strict as assert } from "assert";
import { Rng, randn, gemm, gemmNaive, gemmWasm, nativeKernels, setNativeKernels, wasmGemmAvailable } from "../index";
import { gemmStrided } from "../tensor/gemm-js";
import { wasmPin, wasmPinRows, wasmRowsPinned, wasmUnpin } from "./wasm/pin";

/** Largest |a − b| over two arrays. */
function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe("gemm", () => {
  const rng = new Rng(11);
  // these tests are about the JS and WebAssembly kernels (gemm-native.test.ts compares the native ones with them)
  before(() => setNativeKernels(false));
  after(() => { if (nativeKernels().available) setNativeKernels(true); });
  const sizes = [[1, 1, 1], [1, 7, 3], [2, 13, 5], [1, 64, 16], [4, 4, 4], [5, 9, 13], [8, 12, 1], [3, 17, 33], [33, 20, 7], [16, 64, 9], [2, 3, 0]];
  for (const [M, N, K] of sizes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const accumulate of [false, true]) {
          it(`[${M},${N},${K}] transA=${transA} transB=${transB} accumulate=${accumulate} agrees with gemmNaive (JS kernel: bit-identical)`, () => {
            const A = randn([M * K], { rng }).data;
            const B = randn([K * N], { rng }).data;
            const C0 = randn([M * N], { rng }).data;
            const fast = C0.slice();
            const naive = C0.slice();
            gemm(fast, A, B, M, N, K, transA, transB, accumulate);
            gemmNaive(naive, A, B, M, N, K, transA, transB, accumulate);
            assert.ok(maxDiff(fast, naive) <= 1e-12, `max difference ${maxDiff(fast, naive)}`);
            // the JS kernel is not just close: like the naive loop it sums each element's products in increasing k
            const js = C0.slice();
            gemmStrided(js, A, B, M, N, K, transA ? 1 : K, transA ? M : 1, transB ? K : 1, transB ? 1 : N, accumulate);
            assert.deepEqual(js, naive);
            if (!accumulate && M * N > 0 && K > 0) assert.notDeepEqual(fast, C0);
          });
        }
      }
    }
  }

  it("the WebAssembly SIMD kernels load here (Node 20 has SIMD128)", () => {
    assert.ok(wasmGemmAvailable());
  });

  const big = [[4, 4, 1], [5, 9, 13], [8, 12, 1], [33, 20, 7], [34, 70, 129], [64, 36, 40], [7, 5, 2]];
  for (const [M, N, K] of big) {
    for (const [transA, transB] of [[false, false], [true, false], [false, true]]) {
      for (const accumulate of [false, true]) {
        it(`gemmWasm [${M},${N},${K}] transA=${transA} transB=${transB} accumulate=${accumulate} agrees with gemmNaive to 1e-12`, () => {
          const A = randn([M * K], { rng }).data;
          const B = randn([K * N], { rng }).data;
          const C0 = randn([M * N], { rng }).data;
          const wasm = C0.slice();
          const naive = C0.slice();
          assert.ok(gemmWasm(wasm, A, B, M, N, K, transA, transB, accumulate));
          gemmNaive(naive, A, B, M, N, K, transA, transB, accumulate);
          assert.ok(maxDiff(wasm, naive) <= 1e-12, `max difference ${maxDiff(wasm, naive)}`);
          // the column-vectorised kernel sums in the naive order: bit-identical
          if (!transB) assert.deepEqual(wasm, naive);
          const again = C0.slice();
          gemmWasm(again, A, B, M, N, K, transA, transB, accumulate);
          assert.deepEqual(again, wasm, "same inputs, same bytes");
        });
      }
    }
  }

  it("a pinned operand gives the same products as copying it (and other operands are unaffected while pinned)", () => {
    const W = randn([40 * 24], { rng }).data;
    const other = randn([40 * 24], { rng }).data;
    const A = randn([12 * 24], { rng }).data;
    const dz = randn([12 * 40], { rng }).data;
    const C0 = randn([12 * 40], { rng }).data;
    const expect = (B: Float64Array, tB: boolean) => {
      const c = C0.slice();
      if (tB) gemmNaive(c, A, B, 12, 40, 24, false, true, true);
      else gemmNaive(c, dz, B, 12, 24, 40, false, false, false);
      return c;
    };
    const run = (B: Float64Array, tB: boolean) => {
      const c = C0.slice();
      assert.ok(tB ? gemmWasm(c, A, B, 12, 40, 24, false, true, true) : gemmWasm(c, dz, B, 12, 24, 40, false, false, false));
      return c;
    };
    wasmPin(W);
    try {
      for (let r = 0; r < 2; r++) {
        assert.ok(maxDiff(run(W, true), expect(W, true)) < 1e-12);   // z += h·Wᵀ with W pinned
        assert.ok(maxDiff(run(W, false), expect(W, false)) < 1e-12); // dh = dz·W with W pinned
        assert.ok(maxDiff(run(other, true), expect(other, true)) < 1e-12);
      }
    } finally {
      wasmUnpin();
    }
    assert.ok(maxDiff(run(W, true), expect(W, true)) < 1e-12);
  });

  it("gemmWasm declines Aᵀ·Bᵀ (the JS kernel serves it)", () => {
    assert.equal(gemmWasm(new Float64Array(16), new Float64Array(16), new Float64Array(16), 4, 4, 4, true, true, false), false);
  });
});

describe("wasmRowsPinned (the batch-1 step products in WebAssembly)", () => {
  const rng = new Rng(23);
  for (const [M, N, K] of [[1, 64, 16], [1, 16, 64], [2, 13, 5], [3, 9, 7], [1, 1, 3], [1, 10, 1]]) {
    for (const transpose of [false, true]) {
      for (const accumulate of [false, true]) {
        it(`[${M},${N},${K}] pinned ${transpose ? "Wᵀ (W stored [N, K])" : "W [K, N]"} accumulate=${accumulate}: bit-identical to gemmNaive`, () => {
          const W = randn([K * N], { rng }).data;
          const pad = 3; // rows start at an offset into larger arrays, as in the sequence kernels
          const A = randn([pad + M * K], { rng }).data;
          const C0 = randn([pad + M * N], { rng }).data;
          const naive = C0.slice(pad);
          gemmNaive(naive, A.subarray(pad), W, M, N, K, false, transpose, accumulate);
          const C = C0.slice();
          assert.ok(wasmPinRows(W, K, N, transpose));
          try {
            assert.ok(wasmRowsPinned(C, pad, A, pad, M, N, K, accumulate));
            assert.ok(!wasmRowsPinned(C, pad, A, pad, M, N + 1, K, accumulate), "declines a product of other sizes");
          } finally {
            wasmUnpin();
          }
          assert.deepEqual(C.subarray(pad), naive);
          assert.deepEqual(C.subarray(0, pad), C0.subarray(0, pad), "rows before the offset untouched");
          assert.ok(!wasmRowsPinned(C, pad, A, pad, M, N, K, accumulate), "declines without a rows pin");
        });
      }
    }
  }
});
