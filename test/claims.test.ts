// The notebooks' headline claims, re-checked with the notebooks' own library code, settings and seeds.
import { strict as assert } from "assert";
import * as path from "path";
import { ADDING_BASELINE_MSE } from "../kernel-lib/src/data";
import { trainAddingRegressor } from "../kernel-lib/src/models";

const DATA = path.join(__dirname, "..", "data");

describe("adding problem (notebook 08: long-range memory)", function () {
  this.timeout(120_000);
  // notebook 08 trains every cell with ADDING_RECIPE at length 50, seed 0, and scores fresh sequences
  const T = 50;
  const SEED = 0;

  it("LSTM and GRU go well below the baseline MSE 1/6 while the vanilla RNN stays near it (T = 50, seed 0)", () => {
    const rnn = trainAddingRegressor("rnn", T, { seed: SEED }).testMse;
    assert.ok(rnn > 0.8 * ADDING_BASELINE_MSE, `vanilla RNN test MSE ${rnn.toFixed(4)} is not above 0.8 × baseline ${(0.8 * ADDING_BASELINE_MSE).toFixed(4)}`);
    for (const cell of ["lstm", "gru"] as const) {
      const m = trainAddingRegressor(cell, T, { seed: SEED }).testMse;
      assert.ok(m < 0.5 * ADDING_BASELINE_MSE, `${cell} test MSE ${m.toFixed(4)} is not below 0.5 × baseline ${(0.5 * ADDING_BASELINE_MSE).toFixed(4)}`);
      assert.ok(m < 0.5 * rnn, `${cell} test MSE ${m.toFixed(4)} is not below half the vanilla RNN's ${rnn.toFixed(4)}`);
    }
  });
});
