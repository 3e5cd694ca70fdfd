import { strict as assert } from "node:assert";
import { Rng, Tensor, randn, tensor } from "../tensor";
import { Dense } from "./dense";

/** Σ y ⊙ r: a scalar whose gradient with respect to y is r. */
function probe(y: Tensor, r: Tensor): number {
  let s = 0;
  for (let i = 0; i < y.size; i++) s += y.data[i] * r.data[i];
  return s;
}

/** Worst relative error of central differences of f at every element of x against `analytic`. */
function worstError(f: () => number, x: Tensor, analytic: Tensor): number {
  let worst = 0;
  for (let i = 0; i < x.size; i++) {
    const keep = x.data[i];
    x.data[i] = keep + 1e-5;
    const up = f();
    x.data[i] = keep - 1e-5;
    const down = f();
    x.data[i] = keep;
    const num = (up - down) / 2e-5;
    worst = Math.max(worst, Math.abs(num - analytic.data[i]) / Math.max(1e-8, Math.abs(num) + Math.abs(analytic.data[i])));
  }
  return worst;
}

describe("Dense", () => {
  it("computes x Wᵀ + b on a hand example", () => {
    const d = new Dense({ inputSize: 2, outputSize: 1, rng: new Rng(0) });
    d.params.weight.data.set([2, -1]);
    d.params.bias!.data[0] = 0.5;
    assert.deepEqual(d.forward(tensor([[1, 1], [3, 0]])).toArray(), [[1.5], [6.5]]);
  });

  it("initialises from U(−1/√I, 1/√I), the same for the same seed", () => {
    const a = new Dense({ inputSize: 9, outputSize: 4, rng: new Rng(5) });
    const b = new Dense({ inputSize: 9, outputSize: 4, rng: new Rng(5) });
    assert.deepEqual(Array.from(a.params.weight.data), Array.from(b.params.weight.data));
    assert.ok(Array.from(a.params.weight.data).every((w) => Math.abs(w) <= 1 / 3));
  });

  it("backward on [T, B, I] agrees with central differences for x, W and b, and accumulates", () => {
    const rng = new Rng(3);
    const d = new Dense({ inputSize: 3, outputSize: 2, rng });
    const x = randn([4, 2, 3], { rng });
    const r = randn([4, 2, 2], { rng });
    const y = d.forward(x);
    assert.deepEqual(y.shape, [4, 2, 2]);
    const dx = d.backward(r);
    const f = () => probe(d.forward(x), r);
    assert.ok(worstError(f, x, dx) < 1e-8);
    assert.ok(worstError(f, d.params.weight, d.grads.weight) < 1e-8);
    assert.ok(worstError(f, d.params.bias!, d.grads.bias!) < 1e-8);
    const once = Array.from(d.grads.weight.data);
    d.forward(x);
    d.backward(r);
    d.grads.weight.data.forEach((g, i) => assert.ok(Math.abs(g - 2 * once[i]) < 1e-12));
    d.zeroGrad();
    assert.ok(d.parameters().every((p) => p.grad.data.every((g) => g === 0)));
  });

  it("names the function and the shapes in its errors", () => {
    const d = new Dense({ inputSize: 3, outputSize: 2, rng: new Rng(0) });
    assert.throws(() => d.forward(tensor([[1, 2]])), /Dense.forward: x must be \[N, I\] or \[T, B, I\] with I = 3, got \[1, 2\]/);
    assert.throws(() => d.backward(tensor([[1, 2]])), /Dense.backward: call forward first/);
    d.forward(tensor([[1, 2, 3]]));
    assert.throws(() => d.backward(tensor([[1, 2, 3]])), /Dense.backward: dy must be \[1, 2\], got \[1, 3\]/);
    assert.throws(() => new Dense({ inputSize: 0, outputSize: 2 }), /Dense: inputSize must be a positive integer/);
  });
});
