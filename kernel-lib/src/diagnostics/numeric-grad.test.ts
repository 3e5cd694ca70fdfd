import { strict as assert } from "assert";
import { tensor, sum, square, tanh, Rng, randn } from "../tensor";
import { numericGrad } from "./numeric-grad";

describe("numericGrad", () => {
  it("matches the closed form of d/dx Σ tanh(x)² = 2 tanh(x)(1 − tanh²x) to 1e-8 and restores x", () => {
    const x = randn([3, 4], { rng: new Rng(1) });
    const before = x.data.slice();
    const g = numericGrad(() => sum(square(tanh(x))).item(), x);
    assert.deepEqual(g.shape, [3, 4]);
    x.data.forEach((v, i) => {
      const t = Math.tanh(v);
      assert.ok(Math.abs(g.data[i] - 2 * t * (1 - t * t)) < 1e-8, `element ${i}`);
    });
    assert.deepEqual(x.data, before);
  });
  it("rejects a non-positive step and a function that does not return a number", () => {
    const x = tensor([1, 2]);
    assert.throws(() => numericGrad(() => 0, x, { eps: 0 }), /numericGrad: eps must be positive/);
    assert.throws(() => numericGrad((() => "a") as unknown as () => number, x), /numericGrad: f must return a number/);
  });
});
