// Stacked and bidirectional layers against PyTorch: fixtures written by test/fixtures/torch/make_stacked_fixtures.py.
import { strict as assert } from "node:assert";
import { StackedRecurrent, layerFromTorch, tensor } from "../kernel-lib/src";
import { expectClose, loadTorchFixture } from "./torch-compare";

const NAMES = ["stacked_lstm_bi", "stacked_gru", "stacked_rnn_relu_bi", "stacked_gru_bi_packed", "stacked_lstm_bi_packed"];

describe("PyTorch fixtures: stacked and bidirectional layers (float64, 1e-9)", () => {
  for (const name of NAMES) {
    const fx = loadTorchFixture(name);
    const isLstm = fx.kind === "LSTM";
    it(`${name}: ${fx.description}: outputs, h_n/c_n, dx, dState0 and every gradient under PyTorch's names`, () => {
      const layer = StackedRecurrent.fromTorchStateDict(fx.state_dict, fx.nonlinearity ? { nonlinearity: fx.nonlinearity } : {});
      assert.equal(layer.numLayers, fx.numLayers);
      assert.equal(layer.numDirections, fx.bidirectional ? 2 : 1);
      const state0 = { h: tensor(fx.h0), ...(isLstm ? { c: tensor(fx.c0) } : {}) };
      const { outputs, state } = layer.forward(tensor(fx.x), state0, fx.mask ? tensor(fx.mask) : null);
      expectClose(`${name} outputs`, outputs, fx.outputs);
      expectClose(`${name} h_n`, state.h, fx.h_n);
      if (isLstm) expectClose(`${name} c_n`, state.c, fx.c_n);
      const { dx, dState0, grads } = layer.backward(tensor(fx.dOutputs), { h: tensor(fx.dh_n), ...(isLstm ? { c: tensor(fx.dc_n) } : {}) });
      expectClose(`${name} dx`, dx, fx.dx);
      expectClose(`${name} dh0`, dState0.h, fx.dh0);
      if (isLstm) expectClose(`${name} dc0`, dState0.c, fx.dc0);
      assert.deepEqual(Object.keys(grads), Object.keys(fx.grads), `${name}: grads must carry PyTorch's names in PyTorch's order`);
      for (const k of Object.keys(fx.grads)) expectClose(`${name} grads.${k}`, grads[k], fx.grads[k]);
    });
    it(`${name}: toTorchStateDict gives PyTorch's keys back exactly, and layerFromTorch infers L and D`, () => {
      const layer = StackedRecurrent.fromTorchStateDict(fx.state_dict, fx.nonlinearity ? { nonlinearity: fx.nonlinearity } : {});
      const { rnnlab, ...torchKeys } = layer.toTorchStateDict() as Record<string, any>;
      assert.deepEqual(torchKeys, fx.state_dict);
      assert.equal(rnnlab.numLayers, fx.numLayers);
      assert.equal(rnnlab.bidirectional, fx.bidirectional);
      const inferred = layerFromTorch(fx, fx.nonlinearity ? { nonlinearity: fx.nonlinearity } : {});
      assert.ok(inferred instanceof StackedRecurrent, `layerFromTorch built ${inferred.constructor.name}`);
      const again = layerFromTorch(layer.toTorchStateDict());
      assert.ok(again instanceof StackedRecurrent);
      assert.deepEqual(again.toTorchStateDict(), layer.toTorchStateDict());
    });
  }
});
