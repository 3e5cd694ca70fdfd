// The native products (kernel-lib/native): the same bits as the WebAssembly kernels and the JS edge loop in every case gemm
// meets, in float64 and float32, with pinned operands reused only while their pin lasts.
import { strict as assert } from "assert";
import { Rng, gemm, gemmNaive, gemmNative, gemmThreads, nativeIsasPresent, nativeKernels, randn, setGemmThreads, setNativeKernels, setPrecision } from "../../index";
import { wasmPin, wasmUnpin } from "../wasm/pin";

/** Runs `f` with the native products on or off and precision `p`, restoring native-on (when built) and float64. */
function run<T>(native: boolean, p: "float64" | "float32", f: () => T): T {
  setNativeKernels(native);
  setPrecision(p);
  try {
    return f();
  } finally {
    setPrecision("float64");
    if (nativeKernels().available) setNativeKernels(true);
  }
}

/** The index and values of the first element where `a` and `b` differ bit for bit (Object.is), or null. */
function firstDiff(a: Float64Array, b: Float64Array): string | null {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `element ${i}: ${a[i]} vs ${b[i]}`;
  return null;
}

describe("native gemm", function () {
  this.timeout(60000);
  const info = nativeKernels();

  it("is built where the environment asks for it (RNNLAB_REQUIRE_NATIVE=1, set by CI); names its vectors, or why it is missing", () => {
    if (process.env.RNNLAB_REQUIRE_NATIVE === "1") assert.ok(info.available, `the native add-on is missing: ${info.reason}`);
    if (info.available) assert.match(info.isa, /^(avx512f|avx2|128-bit)$/);
    else {
      assert.ok(info.reason.length > 0, "an unavailable add-on says why");
      assert.throws(() => setNativeKernels(true), /setNativeKernels: the native add-on is unavailable/);
    }
  });

  // shapes around every tile and vector edge: 4-row and 2-row tiles, 4-, 8-, 16-, 32- and 64-column blocks, odd K, K % 4 ≠ 0;
  // the last two span several of A·Bᵀ's row blocks (as many rows as fit in 256 KiB) and end in a part-filled panel
  const shapes = [
    [32, 512, 128], [33, 517, 131], [5, 9, 7], [2, 4, 4], [3, 8, 1], [7, 130, 3], [64, 96, 33], [512, 32, 50], [19, 71, 64], [4, 16, 2],
    [70, 37, 1031], [130, 44, 640],
    // fewer columns than one AVX-512 vector (they run on narrower vectors): the small-batch LSTM's weight gradients
    [24, 8, 64], [64, 24, 20], [20, 12, 64],
    // one row (a decoder step of one sentence; natively, JS on the WebAssembly side), and one row past the tiles
    [1, 900, 64], [1, 37, 301], [1, 4, 2048], [3, 67, 129],
  ];
  // every vector width this CPU has (the widest is the default; narrower ones must give the same bits)
  const isas = nativeIsasPresent();
  if (info.available) setNativeKernels(true, info.isa as "avx512f");
  else setNativeKernels(false);
  afterEach(() => { if (info.available) setNativeKernels(true, info.isa as "avx512f"); });
  for (const isa of info.available ? isas : ["(none)"]) for (const p of ["float64", "float32"] as const) {
    for (const [M, N, K] of shapes) {
      it(`${isa} ${p} [${M},${N},${K}]: native = WebAssembly bit for bit for A·B, Aᵀ·B, A·Bᵀ, storing and accumulating`, function () {
        if (!info.available) this.skip(); // the add-on is optional; CI requires it (first test)
        setNativeKernels(true, isa as "avx512f");
        const rng = new Rng(M * 7 + N * 3 + K);
        const A = randn([M * K], { rng }).data;
        const B = randn([K * N], { rng }).data;
        const C0 = randn([M * N], { rng }).data;
        for (const [tA, tB] of [[false, false], [true, false], [false, true]]) {
          for (const acc of [false, true]) {
            const viaWasm = C0.slice(), viaNative = C0.slice();
            run(false, p, () => gemm(viaWasm, A, B, M, N, K, tA, tB, acc));
            run(true, p, () => gemm(viaNative, A, B, M, N, K, tA, tB, acc));
            const d = firstDiff(viaNative, viaWasm);
            assert.equal(d, null, `transA=${tA} transB=${tB} accumulate=${acc}: ${d}`);
            // the add-on's own kernel too (gemm leaves A·Bᵀ to WebAssembly where the add-on has 128-bit vectors only, no faster there)
            const direct = C0.slice();
            let ran = false;
            run(true, p, () => { ran = gemmNative(direct, A, B, M, N, K, tA, tB, acc, 0, 1); });
            // (gemm sends only products of ≥ 8192 multiply-adds to the SIMD kernels, one-row ones to the add-on; smaller ones are
            // the JS loop's on both sides)
            if (ran && ((M >= 2 && N >= 4 && M * N * K >= 8192) || (M === 1 && N * K >= 8192))) assert.equal(firstDiff(direct, viaWasm), null, `gemmNative transA=${tA} transB=${tB} accumulate=${acc}`);
          }
        }
      });
    }
  }

  it("2 and 3 threads give one thread's bits (C's row blocks are split; whoever is free takes the next)", function () {
    if (!info.available) this.skip();
    const before = gemmThreads();
    try {
      for (const p of ["float64", "float32"] as const) {
        for (const [M, N, K] of [[32, 512, 128], [130, 70, 64], [1600, 32, 512], [9, 4096, 40]]) {
          const rng = new Rng(M + N + K);
          const A = randn([M * K], { rng }).data, B = randn([K * N], { rng }).data, C0 = randn([M * N], { rng }).data;
          for (const [tA, tB] of [[false, false], [true, false], [false, true]]) {
            const results = [1, 2, 3].map((n) => {
              setGemmThreads(n);
              const C = C0.slice();
              run(true, p, () => gemm(C, A, B, M, N, K, tA, tB, true));
              return C;
            });
            assert.equal(firstDiff(results[1], results[0]), null, `${p} [${M},${N},${K}] transA=${tA} transB=${tB}, 2 threads`);
            assert.equal(firstDiff(results[2], results[0]), null, `${p} [${M},${N},${K}] transA=${tA} transB=${tB}, 3 threads`);
          }
        }
      }
    } finally {
      setGemmThreads(before);
    }
  });

  it("float64 A·B and Aᵀ·B equal the naive triple loop bit for bit (both sum each element in increasing k)", function () {
    if (!info.available) this.skip();
    const [M, N, K] = [37, 70, 45];
    const rng = new Rng(11);
    const A = randn([M * K], { rng }).data, B = randn([K * N], { rng }).data;
    for (const tA of [false, true]) {
      const fast = new Float64Array(M * N), ref = new Float64Array(M * N);
      run(true, "float64", () => gemm(fast, A, B, M, N, K, tA, false, false));
      gemmNaive(ref, A, B, M, N, K, tA, false, false);
      assert.equal(firstDiff(fast, ref), null);
    }
  });

  it("a pinned operand's converted copy is reused only while the pin lasts: a new pin of changed values gives new results", function () {
    if (!info.available) this.skip();
    for (const p of ["float64", "float32"] as const) {
      for (const tB of [false, true]) {
        const [M, N, K] = [32, 64, 40];
        const rng = new Rng(5);
        const A = randn([M * K], { rng }).data, W = randn([K * N], { rng }).data;
        const product = (): Float64Array => {
          const C = new Float64Array(M * N);
          run(true, p, () => gemm(C, A, W, M, N, K, false, tB, false));
          return C;
        };
        const unpinned = (): Float64Array => {
          const C = new Float64Array(M * N);
          run(false, p, () => gemm(C, A, W, M, N, K, false, tB, false));
          return C;
        };
        setPrecision(p);
        wasmPin(W);
        setPrecision("float64");
        const first = product();
        assert.equal(firstDiff(first, unpinned()), null, `${p} transB=${tB}: pinned product`);
        wasmUnpin();
        W[0] += 1; // the caller may change W once unpinned
        setPrecision(p);
        wasmPin(W);
        setPrecision("float64");
        const second = product();
        wasmUnpin();
        assert.equal(firstDiff(second, unpinned()), null, `${p} transB=${tB}: after re-pinning changed values`);
        assert.notEqual(firstDiff(first, second), null, "the change shows");
      }
    }
  });

  it("one pin of a square W serves W and Wᵀ products alike (an RNN's W_hh), natively and in WebAssembly, in both precisions", function () {
    const [M, H] = [32, 48];
    const rng = new Rng(9);
    const A = randn([M * H], { rng }).data, W = randn([H * H], { rng }).data;
    for (const native of info.available ? [true, false] : [false]) {
      for (const p of ["float64", "float32"] as const) {
        const products = (pinned: boolean): Float64Array[] => run(native, p, () => {
          if (pinned) wasmPin(W);
          try {
            return [false, true, false, true].map((tB) => {
              const C = new Float64Array(M * H);
              gemm(C, A, W, M, H, H, false, tB, false);
              return C;
            });
          } finally {
            if (pinned) wasmUnpin();
          }
        });
        const got = products(true), want = products(false);
        got.forEach((C, q) => assert.equal(firstDiff(C, want[q]), null, `native=${native} ${p}: product ${q} (transB=${q % 2 === 1})`));
        assert.notEqual(firstDiff(got[0], got[1]), null, "W and Wᵀ give different products");
      }
    }
  });
});
