// StackedRecurrent: PyTorch's shapes and names, masked reversal, and every gradient against central finite differences.
import { strict as assert } from "node:assert";
import { Rng, Tensor, tensor } from "../tensor";
import { assertGradMatches, rand, weightedSum } from "../cells/fdcheck.test";
import { StackedRecurrent, StackedOptions } from "./stacked";
import { reversalIndex, reverseSequences } from "./time-reverse";

const T = 4, B = 3, I = 2, H = 3;

describe("layers/time-reverse", () => {
  it("reversalIndex reverses each column within its real steps and is its own inverse", () => {
    // column 0: length 4; column 1: length 2 (right padding); column 2: real steps 1 and 3 (holes)
    const mask = tensor([[1, 1, 0], [1, 1, 1], [1, 0, 0], [1, 0, 1]]);
    const src = reversalIndex(4, 3, mask);
    assert.deepEqual(Array.from(src), [3, 1, 0, 2, 0, 3, 1, 2, 2, 0, 3, 1]);
    const x = rand([4, 3, 2], new Rng(1));
    assert.deepEqual(reverseSequences(reverseSequences(x, src), src).data, x.data);
    assert.deepEqual(Array.from(reversalIndex(3, 1, null)), [2, 1, 0]);
  });
});

const CASES: [string, Partial<StackedOptions>, boolean][] = [
  ["LSTM, 2 layers, bidirectional, masked", { kind: "lstm", numLayers: 2, bidirectional: true }, true],
  ["GRU reset-after, 2 layers, bidirectional", { kind: "gru", numLayers: 2, bidirectional: true }, false],
  ["GRU classic, 2 layers, bidirectional, masked", { kind: "gru", variant: "classic", numLayers: 2, bidirectional: true }, true],
  ["RNN tanh, 3 layers, masked", { kind: "rnn", numLayers: 3 }, true],
  ["RNN relu, 1 layer, bidirectional, checkpointed", { kind: "rnn", nonlinearity: "relu", bidirectional: true, checkpointEvery: 2 }, false],
];

describe("layers/StackedRecurrent", () => {
  for (const [title, opts, masked] of CASES) {
    it(`${title}: dx, dState0 and every weight gradient match central differences`, () => {
      const rng = new Rng(7);
      const layer = new StackedRecurrent({ ...(opts as StackedOptions), inputSize: I, hiddenSize: H, rng });
      const L = layer.numLayers, D = layer.numDirections;
      const x = rand([T, B, I], rng);
      const mask = masked ? tensor([[1, 1, 1], [1, 1, 0], [1, 0, 0], [1, 0, 0]]) : null;
      const h0 = rand([L * D, B, H], rng, 0.5);
      const c0 = rand([L * D, B, H], rng, 0.5);
      const state0 = () => ({ h: h0, ...(opts.kind === "lstm" ? { c: c0 } : {}) });
      const wOut = rand([T, B, D * H], rng);
      const wh = rand([L * D, B, H], rng);
      const wc = rand([L * D, B, H], rng);
      const loss = (): number => {
        const { outputs, state } = layer.forward(x, state0(), mask);
        return weightedSum(outputs, wOut) + weightedSum(state.h, wh) + (state.c ? weightedSum(state.c, wc) : 0);
      };
      loss();
      layer.zeroGrad();
      const { dx, dState0, grads } = layer.backward(wOut, { h: wh, c: opts.kind === "lstm" ? wc : null });
      const snapshot = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, g.clone()]));
      assertGradMatches(`${title} dx`, dx, loss, x);
      assertGradMatches(`${title} dh0`, dState0.h, loss, h0);
      if (opts.kind === "lstm") assertGradMatches(`${title} dc0`, dState0.c as Tensor, loss, c0);
      for (const [k, p] of Object.entries(layer.params)) assertGradMatches(`${title} ${k}`, snapshot[k], loss, p);
    });
  }

  it("names, shapes and order follow PyTorch: outputs [T, B, D·H], state [L·D, B, H], weight_ih_l1 [G·H, D·H]", () => {
    const lstm = new StackedRecurrent({ kind: "lstm", inputSize: I, hiddenSize: H, numLayers: 2, bidirectional: true, rng: new Rng(1) });
    assert.deepEqual(Object.keys(lstm.params), [
      "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
      "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1", "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse",
    ]);
    assert.deepEqual(lstm.params.weight_ih_l1.shape, [4 * H, 2 * H]);
    const { outputs, state } = lstm.forward(rand([T, B, I], new Rng(2)));
    assert.deepEqual(outputs.shape, [T, B, 2 * H]);
    assert.deepEqual(state.h.shape, [4, B, H]);
    assert.deepEqual(state.c?.shape, [4, B, H]);
    // row 3 (layer 1 reverse) ends at t = 0: its final h is the reverse half of outputs[0]
    for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) assert.equal(state.h.get(3, b, j), outputs.get(0, b, H + j));
  });

  it("a classic GRU and a relu RNN survive toTorchStateDict → fromTorchStateDict", () => {
    const gru = new StackedRecurrent({ kind: "gru", variant: "classic", inputSize: I, hiddenSize: H, numLayers: 2, checkpointEvery: 2, rng: new Rng(3) });
    const back = StackedRecurrent.fromTorchStateDict(JSON.parse(JSON.stringify(gru.toTorchStateDict())));
    const x = rand([T, B, I], new Rng(4));
    assert.deepEqual(back.forward(x).outputs.data, gru.forward(x).outputs.data);
    assert.equal((back.layers[1][0] as any).variant, "classic");
    assert.equal(back.layers[1][0].checkpointEvery, 2);
    const rnn = new StackedRecurrent({ kind: "rnn", nonlinearity: "relu", inputSize: I, hiddenSize: H, bidirectional: true, rng: new Rng(5) });
    assert.equal((StackedRecurrent.fromTorchStateDict(rnn.toTorchStateDict()).layers[0][1] as any).nonlinearity, "relu");
    assert.throws(() => StackedRecurrent.fromTorchStateDict(rnn.toTorchStateDict(), { nonlinearity: "tanh" }), /nonlinearity "tanh" was given, but the state_dict's rnnlab section says "relu"/);
  });

  it("bad input names what is wrong", () => {
    const gru = new StackedRecurrent({ kind: "gru", inputSize: I, hiddenSize: H, numLayers: 2, bidirectional: true, rng: new Rng(6) });
    assert.throws(() => gru.forward(rand([T, B, I], new Rng(1)), { h: rand([2, B, H], new Rng(1)) }), /StackedRecurrent.forward: state0.h must be \[L·D, B, H\] = \[4, 3, 3\], got \[2, 3, 3\]/);
    assert.throws(() => new StackedRecurrent({ kind: "gru", inputSize: I, hiddenSize: H, numLayers: 0 }), /numLayers must be a positive integer, got 0/);
    assert.throws(() => new StackedRecurrent({ kind: "cnn" as "gru", inputSize: I, hiddenSize: H }), /kind must be "rnn", "lstm" or "gru"/);
    assert.throws(() => gru.backward(null), /StackedRecurrent.backward: call forward first/);
    const sd = gru.toTorchStateDict() as Record<string, any>;
    const { rnnlab, ...torch } = sd;
    assert.ok(rnnlab);
    const { weight_ih_l1_reverse, ...missing } = torch;
    assert.ok(weight_ih_l1_reverse);
    assert.throws(() => StackedRecurrent.fromTorchStateDict(missing), /state_dict is missing weight_ih_l1_reverse/);
    const { weight_ih_l1: _a, weight_hh_l1: _b, bias_ih_l1: _c, bias_hh_l1: _d, ...noFwd } = torch;
    assert.throws(() => StackedRecurrent.fromTorchStateDict(noFwd), /layer 1 is missing/);
    assert.throws(() => StackedRecurrent.fromTorchStateDict({ ...torch, weight_hh_l1: [[1, 2]] }), /weight_hh_l1/);
    assert.throws(() => StackedRecurrent.fromTorchStateDict({ ...torch, dropout: 0.1 }), /unexpected key dropout/);
  });
});
