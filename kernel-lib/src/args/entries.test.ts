// Bad input at the public entries gets one clear error naming the called function, the argument, the expected and the received value.
import { strict as assert } from "node:assert";
import {
  Dense, GRU, LSTM, RNN, Rng, Tensor, arange, argmax, bptt, initCellParams, lstmCell, lstmCellForward, max, norm, randn, rnnCell,
  setNativeKernels, setPrecision, sum, tensor, uniform, unroll, zeros, zerosLikeParams,
} from "../index";
import { SequenceClassifier } from "../models";
import { padSequences } from "../data";
import { softmaxCrossEntropy } from "../losses";
import { layerFromTorch } from "../interop";
import { describe as describeValue } from "./check";

/** Asserts `f` throws a plain Error whose whole message matches `re` (not a TypeError from inside). */
function refuses(f: () => unknown, re: RegExp): void {
  assert.throws(f, (e: Error) => {
    assert.equal(e.constructor, Error, `expected a library Error, got ${e.constructor.name}: ${e.message}`);
    assert.match(e.message, re);
    return true;
  });
}

describe("argument checks at public entries", () => {
  afterEach(() => setPrecision("float64"));

  it("describe() tells a numeric string from a number, and names tensors, arrays and objects", () => {
    assert.equal(describeValue("3"), '"3" (string)');
    assert.equal(describeValue(3), "3");
    assert.equal(describeValue(zeros([2, 3])), "a Tensor [2, 3]");
    assert.equal(describeValue({ a: 1 }), "an object { a }");
    assert.equal(describeValue(3n), "3n (bigint)");
  });

  it("tensor ops refuse non-tensors and empty reductions instead of returning 0 or −Infinity", () => {
    refuses(() => sum("abc" as never), /^sum: a must be a Tensor, got "abc" \(string\)$/);
    refuses(() => norm({} as never), /^norm: a must be a Tensor, got an empty object \{\}$/);
    refuses(() => max(zeros([0])), /^max: a is empty/);
    refuses(() => max(zeros([2, 0]), 1), /^max: axis 1 of a \[2, 0\] is empty/);
    refuses(() => argmax(zeros([3, 0])), /^argmax: the last axis of a \[3, 0\] is empty/);
    assert.equal(sum(zeros([0])).item(), 0); // a sum of nothing is 0, as in PyTorch
  });

  it("random numbers: std, low ≤ high, arange's step direction, Rng seeds in [0, 2³²), rng.int(n ≥ 1)", () => {
    refuses(() => randn([2], { std: -1 }), /^randn: std must be a finite number ≥ 0, got -1$/);
    refuses(() => uniform([2], { low: 1, high: 0 }), /^uniform: high must be ≥ low = 1, got 0$/);
    refuses(() => arange(0, 10, -1), /^arange: step -1 must be non-zero and point from start 0 towards stop 10$/);
    refuses(() => new Rng(2 ** 32), /^Rng: seed must be a non-negative integer ≤ 4294967295, got 4294967296$/);
    refuses(() => new Rng(-1), /^Rng: seed must be a non-negative integer/);
    refuses(() => new Rng(0).int(-3), /^Rng\.int: n must be a positive integer/);
    assert.notEqual(new Rng(1).uniform(), new Rng(0).uniform());
  });

  it("cells and layers: a missing c, an rng that is not an Rng, a size given as a string or too large for a tensor", () => {
    const p = initCellParams("lstm", 3, 4, { rng: new Rng(0) });
    refuses(() => lstmCellForward(zeros([2, 3]), zeros([2, 4]), undefined as never, p), /^lstmCellForward: c must be a Tensor of shape \[B, H\] = \[\*, 4\], got undefined$/);
    refuses(() => new LSTM({ inputSize: 3, hiddenSize: 4, rng: 42 as never }), /^LSTM: rng must be an Rng \(e\.g\. new Rng\(0\)\) or undefined for the global one, got 42$/);
    refuses(() => new LSTM({ inputSize: "3" as never, hiddenSize: 4 }), /^LSTM: inputSize must be a positive integer, got "3" \(string\)$/);
    refuses(() => new GRU({ inputSize: 3, hiddenSize: 1e12 }), /^GRU: hiddenSize must be at most 2147483647/);
    refuses(() => new RNN({ inputSize: 3, hiddenSize: 1e5 }), /^RNN: inputSize = 3, hiddenSize = 100000 makes weight_hh \[100000, 100000\], more than a tensor can hold/);
    refuses(() => new SequenceClassifier({ cell: "lstm", vocabSize: 0, embedDim: 2, hiddenSize: 3, numClasses: 2 }), /^SequenceClassifier: vocabSize must be a positive integer, got 0$/);
  });

  it("options from a closed set, shapes axis by axis, the native ISA, truncated JSON", () => {
    refuses(() => padSequences([[1, 2], [3]], { padding: "middle" as never }), /^padSequences: padding must be one of "pre", "post", got "middle" \(string\)$/);
    const logits = zeros([3, 2, 5]); // [T, B, C]
    refuses(() => softmaxCrossEntropy(logits, zeros([2, 3])), /^softmaxCrossEntropy: targets must be \[3, 2\] \(or flat \[6\]\), one per row, got \[2, 3\]$/);
    assert.ok(Number.isFinite(softmaxCrossEntropy(logits, zeros([3, 2])).loss));
    refuses(() => setNativeKernels(true, "avx9000" as never), /^setNativeKernels: isa must be one of "avx512f", "avx2", "128-bit", got "avx9000" \(string\)$/);
    const text = JSON.stringify(new LSTM({ inputSize: 2, hiddenSize: 2, rng: new Rng(0) }).toTorchStateDict());
    refuses(() => layerFromTorch(text.slice(0, 80)), /^layerFromTorch: json is not valid JSON \(.*; 80 characters: is the file complete\?\)$/);
  });

  it("bptt refuses gradient buffers shaped for another cell", () => {
    const p = initCellParams("rnn", 3, 4, { rng: new Rng(0) });
    const { caches } = unroll(rnnCell(), p, randn([5, 2, 3], { rng: new Rng(1) }));
    const other = zerosLikeParams(initCellParams("rnn", 3, 5, { rng: new Rng(0) }));
    refuses(() => bptt(rnnCell(), caches, zeros([5, 2, 4]), null, other), /^bptt: grads\.weight_ih must be \[G·H, I\] = \[4, 3\], got \[5, 3\]$/);
    refuses(() => bptt(lstmCell(), caches, zeros([5, 2, 4]), null, zerosLikeParams(p)), /^bptt: grads\.weight_ih must be \[G·H, I\] = \[16, 3\], got \[4, 3\]$/);
  });

  it("every layer's backward names a NaN or Infinity in dState h or c (before any weight gradient is touched)", () => {
    for (const layer of [new LSTM({ inputSize: 2, hiddenSize: 3, rng: new Rng(0) }), new GRU({ inputSize: 2, hiddenSize: 3, rng: new Rng(0) }),
      new RNN({ inputSize: 2, hiddenSize: 3, rng: new Rng(0) }), new GRU({ inputSize: 2, hiddenSize: 3, variant: "classic", rng: new Rng(0) })]) {
      layer.forward(randn([4, 2, 2], { rng: new Rng(2) }));
      const bad = zeros([2, 3]);
      bad.data[4] = NaN;
      refuses(() => layer.backward(null, { h: bad }), new RegExp(`^${layer.layerName}\\.backward: dState\\.h holds NaN at \\[1, 1\\]$`));
      assert.ok(Object.values(layer.grads).every((g: Tensor) => g.data.every((v) => v === 0)));
    }
    const lstm = new LSTM({ inputSize: 2, hiddenSize: 3, rng: new Rng(0) });
    lstm.forward(randn([4, 2, 2], { rng: new Rng(2) }));
    refuses(() => lstm.backward(null, { c: tensor([[Infinity, 0, 0], [0, 0, 0]]) }), /^LSTM\.backward: dState\.c holds Infinity at \[0, 0\]$/);
    const head = new Dense({ inputSize: 2, outputSize: 2, rng: new Rng(0) });
    head.forward(zeros([3, 2]));
    refuses(() => head.backward(tensor([[0, 0], [0, NaN], [0, 0]])), /^Dense\.backward: dy holds NaN at \[1, 1\]$/);
  });

  it("under float32 precision a finite value beyond ±3.4e38 is refused by name (it would become ±Infinity, then NaN)", () => {
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, rng: new Rng(0) });
    const x = zeros([2, 1, 3]);
    x.data[4] = 1e39;
    assert.ok(lstm.forward(x).outputs.data.every(Number.isFinite)); // float64: fine
    setPrecision("float32");
    refuses(() => lstm.forward(x), /^LSTM\.forward: x holds 1e\+39 at \[1, 0, 1\] \(time step 1\) \(beyond float32's range ±3\.4e38, under setPrecision\("float32"\)\)$/);
    x.data[4] = 3.4e38;
    assert.ok(lstm.forward(x).outputs.data.length === 8);
  });
});
