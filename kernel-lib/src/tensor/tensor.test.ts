import { strict as assert } from "node:assert";
import {
  Rng, Tensor, add, argmax, checkFinite, checkShape, concat, gemm, gemmNaive, logSoftmax, logSumExp, matmul, matmulNaive, nativeKernels, setNativeKernels,
  matmulTA, matmulTB, mean, mul, randn, seed, slice, softmax, split, stack, sum, tensor, transpose, sigmoid, zeros,
} from "../index";

describe("tensor", () => {
  it("tensor(nested) infers the shape and toArray() round-trips", () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(t.shape, [2, 3]);
    assert.deepEqual(t.toArray(), [[1, 2, 3], [4, 5, 6]]);
    assert.equal(t.get(1, 2), 6);
  });
  it("tensor(nested) rejects ragged arrays and mismatched shapes", () => {
    assert.throws(() => tensor([[1, 2], [3]]), /ragged/);
    assert.throws(() => tensor([1, 2, 3], [2, 2]), /cannot be shape \[2, 2\]/);
  });
  it("checkShape names the function, the symbolic and numeric shapes", () => {
    assert.throws(() => checkShape("lstmCellForward", "x", zeros([32, 12]), [32, 10], "B, I"),
      { message: "lstmCellForward: x must be [B, I] = [32, 10], got [32, 12]" });
  });
  it("checkFinite names the tensor, the index and the time step", () => {
    const x = zeros([4, 2, 3]);
    x.set(NaN, 3, 0, 1);
    assert.throws(() => checkFinite("LSTM.forward", "x", x, 0), { message: "LSTM.forward: x holds NaN at [3, 0, 1] (time step 3)" });
  });
  it("checkFinite on long tensors (the native scan where built) names the first NaN or ±∞, wherever it sits, as the JS loop does", () => {
    for (const n of [256, 263, 1000]) {
      for (const at of [0, 7, 8, 255, n - 1]) {
        for (const bad of [NaN, Infinity, -Infinity]) {
          const x = zeros([n]);
          x.data[n - 1] = at === n - 1 ? bad : 5; // a later bad value must not be named first
          x.data[at] = bad;
          if (at < n - 1) x.data[n - 1] = NaN;
          const message = `f: x holds ${Number.isNaN(bad) ? "NaN" : bad} at [${at}]`;
          for (const native of [true, false]) {
            if (native && !nativeKernels().available) continue;
            setNativeKernels(native);
            try {
              assert.throws(() => checkFinite("f", "x", x), { message }, `n=${n} at=${at} native=${native}`);
            } finally {
              if (nativeKernels().available) setNativeKernels(true);
            }
          }
        }
      }
      assert.doesNotThrow(() => checkFinite("f", "x", zeros([n])));
    }
  });
  it("one seed gives bit-identical draws; another seed differs", () => {
    seed(7);
    const a = randn([100]);
    seed(7);
    const b = randn([100]);
    assert.deepEqual(Array.from(a.data), Array.from(b.data));
    assert.notDeepEqual(Array.from(randn([100], { rng: new Rng(8) }).data), Array.from(a.data));
  });
  it("randn has mean ≈ 0 and variance ≈ 1", () => {
    const x = randn([20000], { rng: new Rng(3) });
    const m = mean(x).item();
    const v = mean(mul(x, x)).item() - m * m;
    assert.ok(Math.abs(m) < 0.03 && Math.abs(v - 1) < 0.05, `mean ${m}, var ${v}`);
  });
  it("add broadcasts a bias row over a batch and rejects incompatible shapes", () => {
    const y = add(tensor([[1, 2], [3, 4]]), tensor([10, 20]));
    assert.deepEqual(y.toArray(), [[11, 22], [13, 24]]);
    assert.throws(() => add(zeros([2, 3]), zeros([2])), /do not broadcast/);
  });
  it("gemm agrees with the naive reference for every transpose combination", () => {
    const rng = new Rng(11);
    const [M, N, K] = [7, 5, 9];
    for (const tA of [false, true]) for (const tB of [false, true]) for (const acc of [false, true]) {
      const A = randn([M * K], { rng }).data;
      const B = randn([K * N], { rng }).data;
      const C0 = randn([M * N], { rng }).data;
      const c1 = C0.slice();
      const c2 = C0.slice();
      gemm(c1, A, B, M, N, K, tA, tB, acc);
      gemmNaive(c2, A, B, M, N, K, tA, tB, acc);
      for (let i = 0; i < c1.length; i++) assert.ok(Math.abs(c1[i] - c2[i]) < 1e-12, `transA=${tA} transB=${tB} acc=${acc} at ${i}`);
    }
  });
  it("matmul, matmulTA and matmulTB agree with explicit transposes", () => {
    const rng = new Rng(2);
    const a = randn([4, 3], { rng });
    const b = randn([3, 5], { rng });
    assert.deepEqual(matmul(a, b).toArray(), matmulNaive(a, b).toArray());
    const close = (x: Tensor, y: Tensor) => x.data.every((v, i) => Math.abs(v - y.data[i]) < 1e-12);
    assert.ok(close(matmulTA(transpose(a), b), matmul(a, b)));
    assert.ok(close(matmulTB(a, transpose(b)), matmul(a, b)));
    assert.throws(() => matmul(a, a), { message: "matmul: inner dimensions differ: a [4, 3] · b [4, 3] (3 ≠ 4)" });
  });
  it("concat, split, slice and stack are inverse operations", () => {
    const x = randn([3, 2, 4], { rng: new Rng(5) });
    const parts = split(x, [1, 3], 2);
    assert.deepEqual(concat(parts, 2).toArray(), x.toArray());
    assert.deepEqual(slice(x, 0, 1, 2).toArray(), [x.toArray()[1]]);
    const s = stack([x, x], 1);
    assert.deepEqual(s.shape, [3, 2, 2, 4]);
    assert.deepEqual(transpose(transpose(x, [2, 0, 1]), [1, 2, 0]).toArray(), x.toArray());
  });
  it("softmax sums to 1, is stable for large logits and logSoftmax = x − logSumExp", () => {
    const x = tensor([[1000, 1001, 1002], [-5, 0, 5]]);
    const p = softmax(x);
    assert.ok(p.data.every(Number.isFinite));
    assert.deepEqual(sum(p, 1).toArray().map((v: number) => Math.round(v * 1e12) / 1e12), [1, 1]);
    const ls = logSoftmax(x);
    const lse = logSumExp(x);
    assert.ok(Math.abs(ls.get(0, 2) - (1002 - lse.get(0))) < 1e-12);
    assert.deepEqual(argmax(x), [2, 2]);
  });
  it("sigmoid does not overflow for large negative inputs", () => {
    const s = sigmoid(tensor([-1000, 0, 1000]));
    assert.deepEqual(s.toArray(), [0, 0.5, 1]);
  });
});

describe("Rng seeding", () => {
  it("nearby seeds start unlike streams (SplitMix32-spread state), not the same ≈ 0.99999 first draw", () => {
    const firsts = Array.from({ length: 64 }, (_, s) => new Rng(s).uniform());
    const mean = firsts.reduce((a, b) => a + b, 0) / firsts.length;
    assert.ok(Math.abs(mean - 0.5) < 0.15, `first draws of seeds 0..63 average ${mean}`);
    assert.ok(firsts.filter((u) => u > 0.99).length <= 3, "first draws cluster near 1");
    assert.equal(new Set(firsts.map((u) => u.toFixed(3))).size > 55, true);
  });
});
