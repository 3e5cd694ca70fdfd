// loadTorchStateDict / inferTorchLayer: accepted forms, shapes, and the errors for what they cannot import.
import { strict as assert } from "node:assert";
import { loadTorchStateDict, inferTorchLayer } from "./state-dict";

const rows = (n: number, cols: number): number[][] => Array.from({ length: n }, (_, r) => Array.from({ length: cols }, (_, c) => r + c / 10));
const sd = (G: number, H = 2, I = 3) => ({ weight_ih_l0: rows(G * H, I), weight_hh_l0: rows(G * H, H), bias_ih_l0: new Array(G * H).fill(0.5), bias_hh_l0: new Array(G * H).fill(-1) });

describe("interop/state-dict", () => {
  it("loadTorchStateDict reads a plain state_dict, a fixture and a JSON string alike", () => {
    for (const form of [sd(4), { state_dict: sd(4) }, JSON.stringify(sd(4))]) {
      const t = loadTorchStateDict(form);
      assert.deepEqual(t.weight_ih_l0.shape, [8, 3]);
      assert.deepEqual(t.weight_hh_l0.shape, [8, 2]);
      assert.equal(t.weight_ih_l0.get(5, 2), 5.2);
      assert.equal(t.bias_hh_l0.get(7), -1);
    }
  });
  it("loadTorchStateDict fills missing biases (bias=False) with zeros", () => {
    const t = loadTorchStateDict({ weight_ih_l0: rows(3, 1), weight_hh_l0: rows(3, 1) });
    assert.deepEqual(Array.from(t.bias_ih_l0.data), [0, 0, 0]);
  });
  it("loadTorchStateDict reads multi-layer and bidirectional state_dicts, and leaves an rnnlab section out", () => {
    const deep = { ...sd(3), weight_ih_l1: rows(6, 2), weight_hh_l1: rows(6, 2), weight_ih_l0_reverse: rows(6, 3), weight_hh_l0_reverse: rows(6, 2),
      rnnlab: { format: 1, kind: "GRU", variant: "classic", checkpointEvery: null } };
    const t = loadTorchStateDict(deep);
    assert.deepEqual(Object.keys(t).sort(), ["bias_hh_l0", "bias_hh_l0_reverse", "bias_hh_l1", "bias_ih_l0", "bias_ih_l0_reverse", "bias_ih_l1",
      "weight_hh_l0", "weight_hh_l0_reverse", "weight_hh_l1", "weight_ih_l0", "weight_ih_l0_reverse", "weight_ih_l1"]);
    assert.deepEqual(inferTorchLayer(deep), { kind: "GRU", inputSize: 3, hiddenSize: 2, gates: 3, numLayers: 2, bidirectional: true });
  });
  it("loadTorchStateDict rejects half layers, unknown keys, bad sections, ragged, misshapen and non-finite input", () => {
    assert.throws(() => loadTorchStateDict({ ...sd(1), weight_ih_l1: [[1]] }), /missing weight_hh_l1/);
    assert.throws(() => loadTorchStateDict({ ...sd(1), dropout: 0.5 }), /unexpected keys dropout/);
    assert.throws(() => loadTorchStateDict({ ...sd(1), rnnlab: { format: 7 } }), /rnnlab section has format 7/);
    assert.throws(() => loadTorchStateDict({ ...sd(1), weight_ih_l0: [[1, 2], [3]] }), /weight_ih_l0 is not a rectangular/);
    assert.throws(() => loadTorchStateDict({ ...sd(4), bias_ih_l0: [1, 2] }), /bias_ih_l0 must be \[G·H\] = \[8\], got \[2\]/);
    assert.throws(() => loadTorchStateDict({ ...sd(3), weight_ih_l0: rows(5, 3) }), /weight_hh_l0 must be \[G·H, H\]/);
    assert.throws(() => loadTorchStateDict({ ...sd(1), bias_hh_l0: [NaN, 0] }), /bias_hh_l0 holds NaN/);
    assert.throws(() => loadTorchStateDict({ weight_ih_l0: rows(2, 2) }), /missing weight_hh_l0/);
    assert.throws(() => loadTorchStateDict([1, 2]), /expected a state_dict object/);
  });
  it("inferTorchLayer reads the kind from G = rows / H and checks a declared kind", () => {
    assert.deepEqual(inferTorchLayer(sd(1, 5, 7)), { kind: "RNN", inputSize: 7, hiddenSize: 5, gates: 1, numLayers: 1, bidirectional: false });
    assert.equal(inferTorchLayer(sd(3)).kind, "GRU");
    assert.equal(inferTorchLayer(sd(4)).kind, "LSTM");
    assert.throws(() => inferTorchLayer(sd(4), { kind: "GRU" }), /kind GRU needs G = 3 gates.*\(LSTM\)/);
    assert.throws(() => inferTorchLayer({ kind: "RNN", state_dict: sd(3) }), /kind RNN/);
    assert.throws(() => inferTorchLayer(sd(2)), /G = 2 gates/);
  });
});

describe("interop/layerFromTorch", () => {
  // imported lazily so the state-dict tests above run even while the layers are broken
  const { layerFromTorch } = require("./layer-from-torch") as typeof import("./layer-from-torch");
  const { LSTM, GRU, RNN } = require("../layers") as typeof import("../layers");
  it("builds the layer the gate count names, with PyTorch's weights", () => {
    assert.ok(layerFromTorch(sd(4)) instanceof LSTM);
    assert.ok(layerFromTorch(sd(3)) instanceof GRU);
    assert.ok(layerFromTorch(sd(1), { nonlinearity: "tanh" }) instanceof RNN);
    const { rnnlab, ...torchKeys } = layerFromTorch(sd(3, 2, 3)).toTorchStateDict() as Record<string, unknown>;
    assert.deepEqual(torchKeys, sd(3, 2, 3));
    assert.deepEqual(rnnlab, { format: 1, kind: "GRU", variant: "reset-after", checkpointEvery: null });
  });
  it("rebuilds the same model from rnnlab's own state_dict: GRU variant, RNN nonlinearity, checkpointEvery", () => {
    const classic = new GRU({ inputSize: 3, hiddenSize: 2, variant: "classic", checkpointEvery: 4 });
    const back = layerFromTorch(JSON.stringify(classic.toTorchStateDict())) as InstanceType<typeof GRU>;
    assert.equal(back.variant, "classic");
    assert.equal(back.checkpointEvery, 4);
    const relu = new RNN({ inputSize: 3, hiddenSize: 2, nonlinearity: "relu" });
    assert.equal((layerFromTorch(relu.toTorchStateDict()) as InstanceType<typeof RNN>).nonlinearity, "relu");
    assert.throws(() => layerFromTorch(relu.toTorchStateDict(), { nonlinearity: "tanh" }), /nonlinearity "tanh" was given, but the state_dict's rnnlab section says "relu"/);
    assert.throws(() => layerFromTorch(classic.toTorchStateDict(), { variant: "reset-after" }), /variant "reset-after" was given/);
  });
  it("warns when a plain PyTorch RNN state_dict does not say its nonlinearity", () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      assert.equal((layerFromTorch(sd(1)) as InstanceType<typeof RNN>).nonlinearity, "tanh");
      layerFromTorch(sd(1), { nonlinearity: "relu" });
    } finally {
      console.warn = warn;
    }
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /layerFromTorch: the state_dict does not say the RNN's nonlinearity; assuming PyTorch's default "tanh"/);
  });
  it("fills biases of a bias=False module with zeros", () => {
    const layer = layerFromTorch({ weight_ih_l0: rows(4, 3), weight_hh_l0: rows(4, 1) });
    assert.deepEqual(layer.toTorchStateDict().bias_hh_l0, [0, 0, 0, 0]);
  });
  it("rejects a nonlinearity PyTorch's RNN does not have and a kind the shapes contradict", () => {
    assert.throws(() => layerFromTorch(sd(1), { nonlinearity: "sigmoid" }), /layerFromTorch: PyTorch's RNN nonlinearity is "tanh" or "relu", got "sigmoid"/);
    assert.throws(() => layerFromTorch(sd(1), { nonlinearity: "elu" as "tanh" }), /layerFromTorch: an RNN's nonlinearity is/);
    assert.throws(() => layerFromTorch(sd(1), { kind: "LSTM" }), /kind LSTM needs G = 4/);
  });
});
