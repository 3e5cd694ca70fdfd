// The float32 matmul fast path: within float32 round-off of the float64 reference, deterministic, the same on any thread count,
// and refused by the finite-difference checks.
import { strict as assert } from "assert";
import * as rl from "../index";
import { Rng, gemm, gemmNaive, precision, randn, setGemmThreads, setPrecision, wasmGemmThreadsReady } from "../index";
import { lstmGateLoop } from "./sequence/lstm-gates";
import { lstmGates32, tanhRows32 } from "./gates";

/** Runs `f` with matmul precision `p`, restoring float64 afterwards. */
function withPrecision<T>(p: "float32" | "float64", f: () => T): T {
  setPrecision(p);
  try {
    return f();
  } finally {
    setPrecision("float64");
  }
}

/**
 * Forward and backward of a fresh layer from `make` (the same seed every call): the outputs `[T, B, H]` and every parameter's gradient
 * for the loss `Σ outputs · dOut`.
 */
function layerRun(make: () => { layer: rl.RNN | rl.LSTM | rl.GRU; x: rl.Tensor; dOut: rl.Tensor }): { out: Float64Array; grads: Float64Array[] } {
  const { layer, x, dOut } = make();
  layer.zeroGrad();
  const out = (layer.forward(x) as { outputs: rl.Tensor }).outputs.data.slice();
  layer.backward(dOut);
  return { out, grads: layer.parameters().map((p) => p.grad.data.slice()) };
}

/** Float32 against float64 element by element: outputs within 1e-4 (and not equal: float32 really ran), gradients within 1e-4·(1 + |g|). */
function assertFloat32Close(fast: ReturnType<typeof layerRun>, ref: ReturnType<typeof layerRun>): void {
  let worst = 0;
  for (let q = 0; q < ref.out.length; q++) worst = Math.max(worst, Math.abs(fast.out[q] - ref.out[q]));
  assert.ok(worst < 1e-4 && worst > 0, `outputs: ${worst}`);
  ref.grads.forEach((g, i) => g.forEach((v, q) => assert.ok(Math.abs(fast.grads[i][q] - v) < 1e-4 * (1 + Math.abs(v)), `gradient ${i}[${q}]: ${fast.grads[i][q]} vs ${v}`)));
}

describe("matmul precision float32", function () {
  this.timeout(20000);

  const shapes = [[32, 512, 128], [37, 45, 29], [8, 64, 17], [65, 130, 66]];
  for (const [M, N, K] of shapes) {
    for (const [tA, tB] of [[false, false], [true, false], [false, true]]) {
      for (const acc of [false, true]) {
        it(`[${M},${N},${K}] transA=${tA} transB=${tB} accumulate=${acc}: within float32 round-off of gemmNaive (and not float64)`, () => {
          const rng = new Rng(M + 3 * N + 7 * K);
          const A = randn([M * K], { rng }).data;
          const B = randn([K * N], { rng }).data;
          const C0 = randn([M * N], { rng }).data;
          const fast = C0.slice();
          withPrecision("float32", () => gemm(fast, A, B, M, N, K, tA, tB, acc));
          const ref = C0.slice();
          gemmNaive(ref, A, B, M, N, K, tA, tB, acc);
          // bound: operands rounded (2·2⁻²⁴ each product) and K float32 additions, relative to Σ|a·b|
          const absSum = new Float64Array(M * N);
          gemmNaive(absSum, A.map(Math.abs), B.map(Math.abs), M, N, K, tA, tB, false);
          let worst = 0, moved = 0;
          for (let i = 0; i < M * N; i++) {
            const err = Math.abs(fast[i] - ref[i]);
            worst = Math.max(worst, err / ((K + 2) * 6e-8 * absSum[i] + 1e-300));
            moved = Math.max(moved, err);
          }
          assert.ok(worst <= 1, `error ${worst.toFixed(2)}× the float32 bound`);
          assert.ok(moved > 1e-10, "the tiles really ran in float32 (a float64 product would agree to ~1e-14)");
          assert.equal(precision(), "float64", "restored");
        });
      }
    }
  }

  it("is deterministic and gives the same bits on 1 and 2 threads", async () => {
    const [M, N, K] = [64, 256, 96];
    const rng = new Rng(5);
    const A = randn([M * K], { rng }).data;
    const B = randn([N * K], { rng }).data;
    const run = async (threads: number): Promise<Float64Array> => {
      setGemmThreads(threads);
      await wasmGemmThreadsReady();
      const C = new Float64Array(M * N);
      withPrecision("float32", () => gemm(C, A, B, M, N, K, false, true, false));
      return C;
    };
    try {
      const one = await run(1);
      assert.deepEqual(await run(1), one);
      assert.deepEqual(await run(2), one);
    } finally {
      setGemmThreads(1);
    }
  });

  it("an LSTM layer's forward and gradients stay within 1e-4 of float64, run to run identical", () => {
    const run = () => layerRun(() => {
      const rng = new Rng(9);
      const layer = new rl.LSTM({ inputSize: 32, hiddenSize: 64, rng });
      return { layer, x: randn([20, 16, 32], { rng }), dOut: randn([20, 16, 64], { rng }) };
    });
    const ref = run();
    const f32a = withPrecision("float32", run);
    const f32b = withPrecision("float32", run);
    assert.deepEqual(f32a, f32b, "deterministic");
    const rel = (a: Float64Array, b: Float64Array) => {
      let num = 0, den = 0;
      for (let i = 0; i < a.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(b[i])); }
      return num / den;
    };
    assert.ok(rel(f32a.out, ref.out) < 1e-4 && rel(f32a.out, ref.out) > 0, `outputs ${rel(f32a.out, ref.out)}`);
    ref.grads.forEach((g, i) => assert.ok(rel(f32a.grads[i], g) < 1e-4, `gradient ${i}: ${rel(f32a.grads[i], g)}`));
  });

  it("gradCheck and numericGrad refuse float32 products, saying how to switch back", () => {
    const x = rl.tensor([1, 2]);
    withPrecision("float32", () => {
      assert.throws(() => rl.numericGrad(() => rl.sum(rl.square(x)).item(), x), /numericGrad: precision is "float32"; finite differences need float64/);
      assert.throws(() => rl.gradCheck(() => rl.sum(rl.square(x)).item(), { x }), /gradCheck: precision is "float32".*setPrecision\("float64"\)/);
    });
  });

  it("setPrecision rejects anything but float64 and float32", () => {
    assert.throws(() => setPrecision("float16" as "float32"), /setPrecision: expected "float64" or "float32", got "float16"/);
  });
});

describe("the float32 LSTM gate loop (WebAssembly f32x4)", () => {
  it("agrees with the float64 loop to float32 accuracy, from tiny to saturating pre-activations, at buffer offsets", () => {
    const B = 3, H = 8, G4 = 4 * H, off = 5;
    const rng = new Rng(31);
    const z0 = randn([off + B * G4], { rng, std: 4 }).data;
    // extremes: saturation both ways, tiny values (tanh's small-|x| branch), exact zeros
    [60, -60, 1e-6, -1e-6, 0, 0.0625, -0.0624, 30, -30].forEach((v, q) => { z0[off + 7 * q] = v; });
    const cp = randn([off + B * H], { rng }).data;
    const run = (p: "float32" | "float64") => {
      const z = z0.slice();
      const cN = new Float64Array(off + B * H), tc = new Float64Array(off + B * H), h = new Float64Array(off + B * H);
      withPrecision(p, () => lstmGateLoop({ z: { buf: z, off }, cPrev: { buf: cp, off }, c: { buf: cN, off }, tanhC: { buf: tc, off }, h: { buf: h, off } }, B, H));
      return { z, cN, tc, h };
    };
    const ref = run("float64");
    const fast = run("float32");
    for (const key of ["z", "cN", "tc", "h"] as const) {
      let worst = 0;
      for (let q = 0; q < ref[key].length; q++) worst = Math.max(worst, Math.abs(fast[key][q] - ref[key][q]) / Math.max(1e-30, Math.abs(ref[key][q]) + 1e-6));
      assert.ok(worst < 1e-5, `${key}: worst error ${worst}`);
      assert.deepEqual(fast[key].subarray(0, off), ref[key].subarray(0, off), `${key}: values before the offset untouched`);
    }
    assert.notDeepEqual(fast.h, ref.h, "the float32 kernel really ran");
    assert.deepEqual(run("float32"), fast, "deterministic");
  });

  it("declines H not a multiple of 4 (the float64 loop runs instead)", () => {
    const z = new Float64Array(4 * 6).fill(0.3), c = new Float64Array(6);
    assert.equal(lstmGates32(z, 0, c, 0, c.slice(), c.slice(), c.slice(), 0, 0, 1, 6), false);
  });
});

describe("the float32 RNN tanh (WebAssembly f32x4)", () => {
  it("agrees with Math.tanh to float32 accuracy and declines lengths that are not a multiple of 4", () => {
    const z0 = randn([64], { rng: new Rng(4), std: 3 }).data;
    [40, -40, 1e-7, -1e-7, 0].forEach((v, q) => { z0[q] = v; });
    const z = z0.slice();
    assert.ok(tanhRows32(z));
    let worst = 0;
    for (let q = 0; q < z.length; q++) worst = Math.max(worst, Math.abs(z[q] - Math.tanh(z0[q])) / (Math.abs(Math.tanh(z0[q])) + 1e-30));
    assert.ok(worst < 1e-6 && worst > 0, `worst relative error ${worst}`);
    assert.equal(tanhRows32(new Float64Array(6)), false);
  });

  it("an RNN layer under float32 stays within 1e-4 of float64", () => {
    const run = () => layerRun(() => {
      const rng = new Rng(12);
      const layer = new rl.RNN({ inputSize: 8, hiddenSize: 32, rng });
      return { layer, x: randn([10, 4, 8], { rng }), dOut: randn([10, 4, 32], { rng }) };
    });
    assertFloat32Close(withPrecision("float32", run), run());
  });
});

describe("the float32 GRU gate loop (WebAssembly f32x4)", () => {
  it("a GRU layer (reset-after) under float32 stays within 1e-4 of float64, deterministic", () => {
    const run = () => layerRun(() => {
      const rng = new Rng(14);
      const layer = new rl.GRU({ inputSize: 8, hiddenSize: 32, rng });
      return { layer, x: randn([12, 4, 8], { rng, std: 2 }), dOut: randn([12, 4, 32], { rng }) };
    });
    const fast = withPrecision("float32", run);
    assert.deepEqual(withPrecision("float32", run), fast, "deterministic");
    assertFloat32Close(fast, run());
  });
});
