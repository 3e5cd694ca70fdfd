// rnnlab against PyTorch: every value and gradient of the fixtures written by test/fixtures/torch/make_fixtures.py.
import { strict as assert } from "node:assert";
import * as rl from "../kernel-lib/src";
import { Tensor, tensor, type NestedArray } from "../kernel-lib/src";
import { expectClose, loadTorchFixture } from "./torch-compare";

/** The layer contract of DESIGN.md ("Layers"), typed here so this file compiles whatever stage the layers are at. */
interface RecurrentLayer {
  forward(x: Tensor, state0?: { h: Tensor; c?: Tensor }): { outputs: Tensor; state: { h: Tensor; c?: Tensor } };
  backward(dOutputs: Tensor, dState?: { h?: Tensor; c?: Tensor }): { dx: Tensor; dState0: { h: Tensor; c?: Tensor }; grads: Record<string, Tensor> };
  toTorchStateDict(): Record<string, NestedArray>;
}
interface RecurrentLayerClass {
  fromTorchStateDict(sd: unknown, opts?: { nonlinearity?: string }): RecurrentLayer;
}
interface Param { name: string; value: Tensor; grad: Tensor }
interface Optimizer { step(): void }

/** A public name of rnnlab, with a clear failure while its module has not landed. */
function exported<T>(name: string): T {
  const v = (rl as Record<string, unknown>)[name];
  assert.ok(v !== undefined, `rnnlab does not export ${name} (yet)`);
  return v as T;
}

const RECURRENT = ["rnn_tanh", "rnn_relu", "lstm", "gru", "rnn_tanh_state", "lstm_state", "gru_state"];

describe("PyTorch fixtures: recurrent layers (float64, 1e-9)", () => {
  for (const name of RECURRENT) {
    const fx = loadTorchFixture(name);
    const opts = fx.nonlinearity ? { nonlinearity: fx.nonlinearity } : undefined;
    const make = (): RecurrentLayer => exported<RecurrentLayerClass>(fx.kind).fromTorchStateDict(fx.state_dict, opts);
    const isLstm = fx.kind === "LSTM";

    it(`${name}: ${fx.description}: outputs, final state, dx, dState0 and every weight gradient`, () => {
      const layer = make();
      const state0 = fx.h0 ? { h: tensor(fx.h0), ...(isLstm ? { c: tensor(fx.c0) } : {}) } : undefined;
      const { outputs, state } = layer.forward(tensor(fx.x), state0);
      expectClose(`${name} outputs`, outputs, fx.outputs);
      expectClose(`${name} h_n`, state.h, fx.h_n);
      if (isLstm) expectClose(`${name} c_n`, state.c, fx.c_n);
      const dState = fx.dh_n ? { h: tensor(fx.dh_n), ...(isLstm ? { c: tensor(fx.dc_n) } : {}) } : undefined;
      const { dx, dState0, grads } = layer.backward(tensor(fx.dOutputs), dState);
      expectClose(`${name} dx`, dx, fx.dx);
      expectClose(`${name} dh0`, dState0.h, fx.dh0);
      if (isLstm) expectClose(`${name} dc0`, dState0.c, fx.dc0);
      assert.deepEqual(Object.keys(grads).sort(), Object.keys(fx.grads).sort(), `${name}: grads must use torch names`);
      for (const k of Object.keys(fx.grads)) expectClose(`${name} grads.${k}`, grads[k], fx.grads[k]);
    });

    it(`${name}: toTorchStateDict(fromTorchStateDict(sd)) reproduces sd exactly (plus an rnnlab section)`, () => {
      const { rnnlab, ...torchKeys } = make().toTorchStateDict() as Record<string, unknown>;
      assert.deepEqual(torchKeys, fx.state_dict);
      // what PyTorch's keys cannot say travels beside them
      assert.equal((rnnlab as { kind?: string })?.kind, fx.kind);
    });

    it(`${name}: layerFromTorch picks ${fx.kind} from the shapes and matches PyTorch's outputs`, () => {
      const fromTorch = exported<(sd: unknown, o?: object) => RecurrentLayer>("layerFromTorch");
      const layer = fromTorch(fx, opts);
      assert.ok(layer instanceof exported<new () => unknown>(fx.kind), `layerFromTorch built ${layer?.constructor?.name}, not ${fx.kind}`);
      const state0 = fx.h0 ? { h: tensor(fx.h0), ...(isLstm ? { c: tensor(fx.c0) } : {}) } : undefined;
      expectClose(`${name} outputs via layerFromTorch`, layer.forward(tensor(fx.x), state0).outputs, fx.outputs);
    });
  }
});

describe("PyTorch fixtures: losses (float64, 1e-9)", () => {
  const { cases } = loadTorchFixture("losses");
  it("softmaxCrossEntropy (mean) matches F.cross_entropy: loss and dLogits", () => {
    const c = cases.softmaxCrossEntropy;
    const { loss, dLogits } = rl.softmaxCrossEntropy(tensor(c.logits), c.targets);
    expectClose("loss", loss, c.loss);
    expectClose("dLogits", dLogits, c.dLogits);
  });
  it("softmaxCrossEntropy with a mask matches F.cross_entropy with ignore_index (mean over unmasked rows)", () => {
    const c = cases.softmaxCrossEntropyMasked;
    const { loss, dLogits } = rl.softmaxCrossEntropy(tensor(c.logits), c.targets, { mask: c.mask });
    expectClose("loss", loss, c.loss);
    expectClose("dLogits", dLogits, c.dLogits);
  });
  it("softmaxCrossEntropy with reduction sum matches F.cross_entropy(reduction='sum')", () => {
    const c = cases.softmaxCrossEntropySum;
    const { loss, dLogits } = rl.softmaxCrossEntropy(tensor(c.logits), c.targets, { reduction: "sum" });
    expectClose("loss", loss, c.loss);
    expectClose("dLogits", dLogits, c.dLogits);
  });
  it("mse matches F.mse_loss (mean): loss and dPred", () => {
    const c = cases.mse;
    const { loss, dPred } = rl.mse(tensor(c.pred), tensor(c.target));
    expectClose("loss", loss, c.loss);
    expectClose("dPred", dPred, c.dPred);
  });
  for (const key of ["binaryCrossEntropyWithLogits", "binaryCrossEntropyWithLogitsSoft"]) {
    it(`binaryCrossEntropyWithLogits matches F.binary_cross_entropy_with_logits (${key.endsWith("Soft") ? "soft" : "hard"} targets)`, () => {
      const c = cases[key];
      const { loss, dLogits } = rl.binaryCrossEntropyWithLogits(tensor(c.logits), tensor(c.targets));
      expectClose("loss", loss, c.loss);
      expectClose("dLogits", dLogits, c.dLogits);
    });
  }
});

describe("PyTorch fixtures: clipping and optimizers (float64, 1e-9)", () => {
  const fx = loadTorchFixture("optim");
  for (const [name, c] of Object.entries<any>(fx.clipGradNorm)) {
    it(`clipGradNorm (${name}, maxNorm ${c.maxNorm}) matches clip_grad_norm_: returned norm and clipped grads`, () => {
      const clipGradNorm = exported<(ps: Param[], maxNorm: number) => number>("clipGradNorm");
      const params: Param[] = c.params.map((p: any) => ({ name: p.name, value: tensor(p.value), grad: tensor(p.grad) }));
      expectClose("total norm", clipGradNorm(params, c.maxNorm), c.totalNorm);
      params.forEach((p, i) => expectClose(`${p.name}.grad after clipping`, p.grad, c.params[i].gradAfter));
    });
  }
  for (const kind of ["SGD", "Adam"]) {
    it(`${kind} ${JSON.stringify(fx[kind].hyper)}: three steps match torch.optim.${kind}`, () => {
      const Opt = exported<new (ps: Param[], o: object) => Optimizer>(kind);
      const params: Param[] = Object.entries<NestedArray>(fx.init).map(([n, v]) => {
        const value = tensor(v);
        return { name: n, value, grad: tensor(new Float64Array(value.size), value.shape) };
      });
      const opt = new Opt(params, fx[kind].hyper);
      fx.grads.forEach((g: Record<string, NestedArray>, step: number) => {
        for (const p of params) p.grad.data.set(tensor(g[p.name]).data);
        opt.step();
        for (const p of params) expectClose(`${kind} step ${step + 1} ${p.name}`, p.value, fx[kind].after[step][p.name]);
      });
    });
  }
});
