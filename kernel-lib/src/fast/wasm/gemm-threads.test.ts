// The threaded WebAssembly gemm: every thread count gives the same bits as one thread, and helper threads really take row blocks.
import { strict as assert } from "assert";
import {
  GEMM_THREAD_MIN_WORK, MAX_GEMM_THREADS, Rng, gemm, gemmNaive, gemmThreadStats, gemmThreads, nativeKernels, randn, setGemmThreads, setNativeKernels, wasmGemmThreadsReady,
} from "../../index";

describe("gemm on several threads", function () {
  this.timeout(20000);
  const threadsBefore = gemmThreads();
  // the WebAssembly kernels are what threads split: the native products (one thread, the same bits) are off here
  before(() => setNativeKernels(false));
  after(() => {
    setGemmThreads(threadsBefore);
    if (nativeKernels().available) setNativeKernels(true);
  });

  /** C (+)= op(A)·op(B) with `n` threads, from the same operands and starting C. */
  async function product(n: number, M: number, N: number, K: number, tA: boolean, tB: boolean, acc: boolean): Promise<Float64Array> {
    setGemmThreads(n);
    await wasmGemmThreadsReady();
    const rng = new Rng(M * 7 + N * 3 + K);
    const A = randn([M * K], { rng }).data;
    const B = randn([K * N], { rng }).data;
    const C = randn([M * N], { rng }).data;
    gemm(C, A, B, M, N, K, tA, tB, acc);
    return C;
  }

  // each large enough to be split (M·N·K ≥ GEMM_THREAD_MIN_WORK), with ragged rows and columns
  const shapes = [[32, 512, 128], [41, 96, 70], [130, 35, 64], [8, 1024, 17]];
  for (const [M, N, K] of shapes) {
    for (const [tA, tB] of [[false, false], [true, false], [false, true]]) {
      for (const acc of [false, true]) {
        it(`[${M},${N},${K}] transA=${tA} transB=${tB} accumulate=${acc}: 2 and 3 threads give one thread's bits, within 1e-12 of gemmNaive`, async () => {
          assert.ok(M * N * K >= GEMM_THREAD_MIN_WORK);
          const one = await product(1, M, N, K, tA, tB, acc);
          const jobs = gemmThreadStats().helperJobs;
          const two = await product(2, M, N, K, tA, tB, acc);
          assert.ok(gemmThreadStats().helperJobs > jobs, "a helper thread took a row block");
          const three = await product(3, M, N, K, tA, tB, acc);
          assert.deepEqual(two, one);
          assert.deepEqual(three, one);
          // and the numbers are right, not just repeatable
          const rng = new Rng(M * 7 + N * 3 + K);
          const A = randn([M * K], { rng }).data;
          const B = randn([K * N], { rng }).data;
          const naive = randn([M * N], { rng }).data;
          gemmNaive(naive, A, B, M, N, K, tA, tB, acc);
          let worst = 0;
          for (let i = 0; i < naive.length; i++) worst = Math.max(worst, Math.abs(naive[i] - one[i]));
          assert.ok(worst <= 1e-12, `max difference ${worst}`);
        });
      }
    }
  }

  it("small products stay on the calling thread", async () => {
    setGemmThreads(2);
    await wasmGemmThreadsReady();
    const jobs = gemmThreadStats().helperJobs;
    const A = new Float64Array(16 * 16).fill(1);
    gemm(new Float64Array(16 * 16), A, A, 16, 16, 16);
    assert.equal(gemmThreadStats().helperJobs, jobs);
  });

  it("setGemmThreads rejects a bad count, naming the function, the range and the value", () => {
    assert.throws(() => setGemmThreads(0), /setGemmThreads: n must be an integer in 1 … 16, got 0/);
    assert.throws(() => setGemmThreads(1.5), /setGemmThreads/);
    assert.throws(() => setGemmThreads(1e6), /setGemmThreads: n must be an integer in 1 … 16, got 1000000/);
    assert.throws(() => setGemmThreads(MAX_GEMM_THREADS + 1), /setGemmThreads/);
    assert.equal(gemmThreads(), gemmThreads(), "a rejected count changes nothing");
  });

  it("switching the thread count back and forth starts no new helper threads (they are kept asleep)", async () => {
    const A = new Float64Array(64 * 64).fill(1);
    const big = () => gemm(new Float64Array(64 * 64), A, A, 64, 64, 64);
    setGemmThreads(2);
    big();
    await wasmGemmThreadsReady();
    const started = gemmThreadStats().helpersStarted;
    for (let k = 0; k < 200; k++) {
      setGemmThreads(1);
      big();
      setGemmThreads(2);
      big();
    }
    assert.equal(gemmThreadStats().helpersStarted, started);
    const jobs = gemmThreadStats().helperJobs;
    big();
    assert.ok(gemmThreadStats().helperJobs > jobs, "the kept helper still takes row blocks");
  });
});
