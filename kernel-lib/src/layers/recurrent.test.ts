import { strict as assert } from "node:assert";
import { Rng, randn, zeros } from "../tensor";
import { bptt, gruCell, lstmCell, maskFromLengths, unroll, zerosLikeParams } from "../index";
import { GRU, LSTM, RNN } from "./index";
import { assertGradMatches, rand, weightedSum } from "../cells/fdcheck.test";
import { backendEnvironments } from "../index";

const T = 4, B = 2, I = 3, H = 5;

// the same tests on every backend configuration this machine has (reference, fast per native ISA, WebAssembly alone)
for (const env of backendEnvironments()) describe(`[${env.name}]`, () => {
  before(() => env.enter());
  after(() => env.exit());

describe("layers: RNN, LSTM, GRU", () => {
  it("parameters() uses PyTorch's names and shapes; params and grads are the optimizer's tensors", () => {
    const lstm = new LSTM({ inputSize: I, hiddenSize: H, rng: new Rng(0) });
    const ps = lstm.parameters();
    assert.deepEqual(ps.map((p) => p.name), ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]);
    assert.deepEqual(ps.map((p) => p.value.shape), [[4 * H, I], [4 * H, H], [4 * H], [4 * H]]);
    assert.equal(ps[1].value, lstm.params.weight_hh_l0);
    assert.equal(ps[1].value, lstm.cellParams.weight_hh);
    assert.equal(ps[1].grad, lstm.grads.weight_hh_l0);
    assert.equal(lstm.params.bias_ih_l0.get(H), 1, "forget bias 1 by default");
  });
  for (const [name, make] of [
    ["RNN relu", () => new RNN({ inputSize: I, hiddenSize: H, nonlinearity: "relu", rng: new Rng(1) })],
    ["LSTM", () => new LSTM({ inputSize: I, hiddenSize: H, rng: new Rng(2) })],
    ["GRU classic", () => new GRU({ inputSize: I, hiddenSize: H, variant: "classic", rng: new Rng(3) })],
  ] as const) {
    it(`${name}: backward matches finite differences, accumulates, and zeroGrad resets`, () => {
      const layer = make();
      const rng = new Rng(9);
      const x = rand([T, B, I], rng), w = rand([T, B, H], rng);
      const loss = () => weightedSum(layer.forward(x).outputs, w);
      layer.forward(x);
      const { dx, grads } = layer.backward(w);
      assertGradMatches(`${name} dx`, dx, loss, x);
      for (const p of layer.parameters()) assertGradMatches(`${name} ${p.name}`, p.grad, loss, p.value);
      const once = grads.weight_hh_l0.data.slice();
      layer.forward(x);
      layer.backward(w);
      assert.ok(Math.abs(layer.grads.weight_hh_l0.data[0] - 2 * once[0]) < 1e-12);
      layer.zeroGrad();
      assert.ok(layer.grads.weight_hh_l0.data.every((v) => v === 0));
    });
  }
  it("forward equals the functional unroll, and one seed gives identical bytes", () => {
    const a = new LSTM({ inputSize: I, hiddenSize: H, rng: new Rng(7) });
    const b = new LSTM({ inputSize: I, hiddenSize: H, rng: new Rng(7) });
    const x = rand([T, B, I], new Rng(8));
    const oa = a.forward(x).outputs, ob = b.forward(x).outputs;
    assert.ok(Buffer.from(oa.data.buffer).equals(Buffer.from(ob.data.buffer)));
    assert.deepEqual(unroll(lstmCell(), a.cellParams, x).outputs.data, oa.data);
  });
  for (const variant of ["reset-after", "classic"] as const) {
    it(`GRU ${variant}: repeated forward/backward of one size (the kernel reuses the last forward's gate buffers) equal fresh unroll + bptt bit for bit`, () => {
      const rng = new Rng(9);
      const [T2, B2, H2] = [30, 3, 8];
      const layer = new GRU({ inputSize: I, hiddenSize: H2, variant, rng });
      const cell = gruCell(variant);
      for (const lengths of [null, [30, 12, 1], null, [5, 30, 30]]) {
        const x = randn([T2, B2, I], { rng });
        const dOut = randn([T2, B2, H2], { rng });
        const mask = lengths ? maskFromLengths(lengths, T2) : null;
        const f = unroll(cell, layer.cellParams, x, null, mask);
        const grads = zerosLikeParams(layer.cellParams);
        const b = bptt(cell, f.caches, dOut, null, grads);
        layer.zeroGrad();
        const lf = layer.forward(x, null, mask);
        const lb = layer.backward(dOut);
        const what = `${variant} ${lengths ? "masked" : "unmasked"}`;
        assert.deepEqual(Array.from(lf.outputs.data), Array.from(f.outputs.data), `${what} outputs`);
        assert.deepEqual(Array.from(lb.dx.data), Array.from(b.dx.data), `${what} dx`);
        for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) {
          assert.deepEqual(Array.from(layer.cellGrads[k].data), Array.from(grads[k].data), `${what} ${k}`);
        }
        // unroll's reuse option (honoured by the fast GRU kernel) really writes into the earlier caches' buffers, and gives a fresh run's values
        const again = unroll(cell, layer.cellParams, x, null, mask, { reuse: f.caches });
        const gate = (r: typeof f, t: number) => (r.caches[t].cache as { r: Float64Array }).r;
        if (env.backend === "fast") assert.equal(gate(again, 0).buffer, gate(f, 0).buffer, `${what}: reused`);
        const fresh = unroll(cell, layer.cellParams, x, null, mask);
        for (let t = 0; t < T2; t++) assert.deepEqual(Array.from(gate(again, t)), Array.from(gate(fresh, t)), `${what} r at step ${t}`);
        assert.deepEqual(Array.from(again.outputs.data), Array.from(fresh.outputs.data), `${what} outputs after reuse`);
      }
    });
  }

  it("toTorchStateDict round-trips through fromTorchStateDict", () => {
    const g = new GRU({ inputSize: I, hiddenSize: H, rng: new Rng(4) });
    const sd = g.toTorchStateDict();
    const g2 = GRU.fromTorchStateDict(JSON.parse(JSON.stringify(sd)));
    assert.deepEqual(g2.toTorchStateDict(), sd);
    assert.equal(g2.variant, "reset-after");
    const { rnnlab, ...torchOnly } = new RNN({ inputSize: I, hiddenSize: H }).toTorchStateDict();
    assert.ok(rnnlab);
    assert.equal(RNN.fromTorchStateDict(torchOnly, { nonlinearity: "relu" }).nonlinearity, "relu");
  });
  it("toTorchStateDict carries the GRU variant, the RNN nonlinearity and checkpointEvery in its rnnlab section", () => {
    const classic = new GRU({ inputSize: I, hiddenSize: H, variant: "classic", checkpointEvery: 3, rng: new Rng(6) });
    const back = GRU.fromTorchStateDict(JSON.parse(JSON.stringify(classic.toTorchStateDict())));
    assert.equal(back.variant, "classic");
    assert.equal(back.checkpointEvery, 3);
    assert.deepEqual(back.toTorchStateDict(), classic.toTorchStateDict());
    const relu = new RNN({ inputSize: I, hiddenSize: H, nonlinearity: "relu" });
    assert.equal(RNN.fromTorchStateDict(relu.toTorchStateDict()).nonlinearity, "relu");
    // an option that contradicts the saved model is refused, not applied
    assert.throws(() => RNN.fromTorchStateDict(relu.toTorchStateDict(), { nonlinearity: "tanh" }), /RNN.fromTorchStateDict: nonlinearity "tanh" was given, but the state_dict's rnnlab section says "relu"/);
    assert.throws(() => GRU.fromTorchStateDict(classic.toTorchStateDict(), { variant: "reset-after" }), /variant "reset-after" was given/);
    const sd = classic.toTorchStateDict() as any;
    assert.throws(() => GRU.fromTorchStateDict({ ...sd, rnnlab: { ...sd.rnnlab, format: 2 } }), /rnnlab section has format 2/);
    assert.throws(() => GRU.fromTorchStateDict({ ...sd, rnnlab: { ...sd.rnnlab, dropout: 0.5 } }), /unknown field\(s\) dropout/);
    assert.throws(() => GRU.fromTorchStateDict({ ...sd, rnnlab: { format: 1, kind: "GRU" } }), /of a GRU must name its variant/);
  });
  it("bad input: wrong shapes, a state_dict of another layer, NaN, empty sequence, backward before forward", () => {
    const lstm = new LSTM({ inputSize: I, hiddenSize: H, rng: new Rng(5) });
    assert.throws(() => lstm.forward(zeros([T, B, I + 2])), { message: `LSTM.forward: x must be [T, B, I] = [${T}, ${B}, ${I}], got [${T}, ${B}, ${I + 2}]` });
    assert.throws(() => lstm.forward(zeros([0, B, I])), /LSTM.forward: x is an empty sequence \(T = 0/);
    assert.throws(() => new LSTM({ inputSize: I, hiddenSize: H }).backward(zeros([T, B, H])), /LSTM.backward: call forward first/);
    const x = zeros([T, B, I]);
    x.set(Infinity, 2, 1, 0);
    assert.throws(() => lstm.forward(x), { message: "LSTM.forward: x holds Infinity at [2, 1, 0] (time step 2)" });
    lstm.forward(zeros([T, B, I]));
    assert.throws(() => lstm.backward(zeros([T, B, H + 1])), /LSTM.backward: dOutputs must be \[T, B, H\] = \[4, 2, 5\], got \[4, 2, 6\]/);
    const gruSd = new GRU({ inputSize: I, hiddenSize: H }).toTorchStateDict();
    assert.throws(() => LSTM.fromTorchStateDict(gruSd), /LSTM.fromTorchStateDict: the state_dict's rnnlab section describes a GRU, not a LSTM/);
    const { rnnlab: _section, ...gruTorch } = gruSd;
    assert.throws(() => LSTM.fromTorchStateDict(gruTorch), /LSTM.fromTorchStateDict: weight_hh_l0 must be \[4·H, H\] = \[20, 5\], got \[15, 5\] \(3 gate blocks: is this another kind of layer\?\)/);
    assert.throws(() => GRU.fromTorchStateDict({ ...gruSd, weight_ih_l1: [[1]] }), /only single-layer, unidirectional/);
    const { bias_hh_l0, ...noBias } = gruSd;
    assert.ok(bias_hh_l0);
    assert.throws(() => GRU.fromTorchStateDict(noBias), /GRU.fromTorchStateDict: state_dict is missing bias_hh_l0/);
    assert.throws(() => GRU.fromTorchStateDict({ ...gruSd, bias_ih_l0: [1, 2] }), /bias_ih_l0 must be \[3·H\] = \[15\], got \[2\]/);
    assert.throws(() => RNN.fromTorchStateDict([1, 2]), /expected a state_dict object/);
    assert.throws(() => new RNN({ inputSize: I, hiddenSize: 0 }), /hiddenSize must be a positive integer, got 0/);
    const bad = new RNN({ inputSize: I, hiddenSize: H });
    bad.params.weight_hh_l0.set(NaN, 0, 0);
    assert.throws(() => bad.forward(zeros([T, B, I])), { message: "RNN.forward: weight_hh holds NaN at [0, 0]" });
  });
});
});
