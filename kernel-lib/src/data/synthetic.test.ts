import { strict as assert } from "assert";
import { ADDING_BASELINE_MSE, addingProblem } from "./adding-problem";
import { copyTask } from "./copy-task";
import { sineWaves } from "./sine-waves";
import { Rng } from "../tensor";

describe("addingProblem", () => {
  it("has x [T, n, 2] with exactly two markers, one per half, and y = the sum of the marked values", () => {
    const T = 11, n = 50;
    const { x, y, markers } = addingProblem(T, n, { rng: new Rng(0) });
    assert.deepEqual(x.shape, [T, n, 2]);
    assert.deepEqual(y.shape, [n, 1]);
    for (let b = 0; b < n; b++) {
      const marked = [];
      for (let t = 0; t < T; t++) if (x.get(t, b, 1) === 1) marked.push(t);
      assert.deepEqual(marked, markers[b]);
      assert.ok(marked[0] < 5 && marked[1] >= 5, `markers ${marked} must fall one in each half`);
      assert.equal(y.get(b, 0), x.get(marked[0], b, 0) + x.get(marked[1], b, 0));
    }
  });
  it("predicting 1 (the mean) gives MSE ≈ 1/6 for large n", () => {
    const { y } = addingProblem(20, 20000, { rng: new Rng(1) });
    let mse = 0;
    for (const v of y.data) mse += (v - 1) ** 2;
    mse /= y.data.length;
    assert.ok(Math.abs(mse - ADDING_BASELINE_MSE) < 0.006, `baseline MSE ${mse} should be near 1/6`);
  });
  it("same seed → same data", () => {
    assert.deepEqual(addingProblem(8, 4, { rng: new Rng(2) }).x.data, addingProblem(8, 4, { rng: new Rng(2) }).x.data);
  });
});

describe("copyTask", () => {
  it("reads T symbols, waits delay steps ending in the go marker, and must write them back", () => {
    const T = 3, delay = 4, n = 5;
    const { x, y, mask, V } = copyTask(T, n, { rng: new Rng(0), delay, alphabet: 6 });
    assert.equal(V, 8);
    assert.deepEqual(x.shape, [2 * T + delay, n]);
    for (let b = 0; b < n; b++) {
      for (let t = 0; t < T; t++) {
        assert.ok(x.get(t, b) >= 1 && x.get(t, b) <= 6);
        assert.equal(y.get(T + delay + t, b), x.get(t, b));
        assert.equal(mask.get(T + delay + t, b), 1);
        assert.equal(mask.get(t, b), 0);
      }
      assert.equal(x.get(T + delay - 1, b), 7);
    }
  });
});

describe("sineWaves", () => {
  it("targets are the inputs one step ahead when there is no noise", () => {
    const { x, y } = sineWaves(30, 4, { rng: new Rng(0) });
    assert.deepEqual(x.shape, [30, 4, 1]);
    for (let t = 0; t < 29; t++) for (let b = 0; b < 4; b++) assert.ok(Math.abs(y.get(t, b, 0) - x.get(t + 1, b, 0)) < 1e-12);
  });
});
