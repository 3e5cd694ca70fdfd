import { strict as assert } from "node:assert";
import { Rng, randn, tensor } from "../tensor";
import { gradCheck } from "../diagnostics";
import { addingProblem } from "../data";
import { SequenceRegressor, regressionBatcher } from "./regressor";
import { trainAddingRegressor, ADDING_RECIPE } from "./regressor-experiment";

describe("SequenceRegressor", () => {
  for (const cell of ["rnn", "lstm", "gru"] as const) {
    it(`${cell}: the MSE gradient (recurrent layer and head) matches central differences to 1e-6`, () => {
      const model = new SequenceRegressor({ cell, inputSize: 2, hiddenSize: 4, outputSize: 2, rng: new Rng(5) });
      const batch = { x: randn([6, 3, 2], { rng: new Rng(6) }), y: randn([3, 2], { rng: new Rng(7) }) };
      model.zeroGrad();
      model.lossAndGrad(batch);
      const report = gradCheck(() => model.loss(batch).loss, model.parameters());
      assert.ok(report.ok, report.toString());
    });
  }

  it("numParams() = G·H·(I + H + 2) + O·(H + 1)", () => {
    for (const [cell, G] of [["rnn", 1], ["lstm", 4], ["gru", 3]] as const) {
      assert.equal(new SequenceRegressor({ cell, inputSize: 2, hiddenSize: 5, outputSize: 3 }).numParams(), G * 5 * (2 + 5 + 2) + 3 * 6);
    }
  });

  it("rejects a target whose shape does not match the predictions, naming both shapes", () => {
    const model = new SequenceRegressor({ cell: "gru", inputSize: 2, hiddenSize: 3, rng: new Rng(0) });
    assert.throws(() => model.lossAndGrad({ x: randn([4, 2, 2]), y: randn([3, 1]) }), /SequenceRegressor\.lossAndGrad: y must be \[B, O\] = \[2, 1\], got \[3, 1\]/);
  });
});

describe("regressionBatcher", () => {
  it("gathers the columns x[:, idx, :] and rows y[idx] in the order of idx", () => {
    const { x, y } = addingProblem(5, 4, { rng: new Rng(1) });
    const b = regressionBatcher(x, y).batch([3, 1]);
    assert.deepEqual(b.x.shape, [5, 2, 2]);
    for (let t = 0; t < 5; t++) for (let i = 0; i < 2; i++) {
      assert.equal(b.x.get(t, 0, i), x.get(t, 3, i));
      assert.equal(b.x.get(t, 1, i), x.get(t, 1, i));
    }
    assert.deepEqual(b.y.toArray(), [[y.get(3, 0)], [y.get(1, 0)]]);
  });

  it("rejects y with a different number of sequences than x", () => {
    assert.throws(() => regressionBatcher(randn([3, 4, 2]), tensor([[1], [2]])), /regressionBatcher: y must be \[N, O\] = \[4, O\]/);
  });
});

describe("trainAddingRegressor", () => {
  it("is deterministic for one seed (same history bytes and test MSE)", () => {
    const recipe = { ...ADDING_RECIPE, trainSize: 64, testSize: 32, epochs: 1 };
    const a = trainAddingRegressor("gru", 8, { seed: 3, recipe });
    const b = trainAddingRegressor("gru", 8, { seed: 3, recipe });
    assert.equal(JSON.stringify(a.history), JSON.stringify(b.history));
    assert.equal(a.testMse, b.testMse);
  });
});
