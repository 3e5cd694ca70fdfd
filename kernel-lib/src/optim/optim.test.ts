import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tensor, tensor, zeros } from "../tensor";
import type { Param } from "../cells/types";
import { Adagrad, Adam, Optimizer, RMSProp, SGD, clipGradNorm, clipGradValue, gradNorm } from "./index";

/** One scalar parameter w, two steps with gradients g1 then g2; returns w after each step. */
function twoSteps(make: (ps: Param[]) => Optimizer, w0: number, g1: number, g2: number): [number, number] {
  const p: Param = { name: "w", value: tensor([w0]), grad: zeros([1]) };
  const opt = make([p]);
  const out: number[] = [];
  for (const g of [g1, g2]) {
    opt.zeroGrad();
    p.grad.data[0] = g;
    opt.step();
    out.push(p.value.data[0]);
  }
  return out as [number, number];
}

function close(actual: number, expected: number, tol = 1e-14): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} vs ${expected}`);
}

const fixtures = JSON.parse(readFileSync(join(__dirname, "../../../test/fixtures/torch/optim.json"), "utf8"));

describe("optim", () => {
  it("SGD: plain, momentum (b₁ = g₁) and Nesterov on a hand-computed 2-step example", () => {
    // w0 = 1, g = 2 then 1, lr = 0.1
    const [a1, a2] = twoSteps((ps) => new SGD(ps, { lr: 0.1 }), 1, 2, 1);
    close(a1, 0.8); close(a2, 0.7);
    // momentum 0.9: b1 = 2, w = 0.8; b2 = 0.9·2 + 1 = 2.8, w = 0.8 − 0.28 = 0.52
    const [m1, m2] = twoSteps((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9 }), 1, 2, 1);
    close(m1, 0.8); close(m2, 0.52);
    // Nesterov: step1 dir = 2 + 0.9·2 = 3.8 → 0.62; step2 b = 2.8, dir = 1 + 2.52 = 3.52 → 0.268
    const [n1, n2] = twoSteps((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9, nesterov: true }), 1, 2, 1);
    close(n1, 0.62); close(n2, 0.268);
    // weight decay 0.5: g1 = 2 + 0.5 = 2.5 → 0.75; g2 = 1 + 0.375 → 0.6125
    const [d1, d2] = twoSteps((ps) => new SGD(ps, { lr: 0.1, weightDecay: 0.5 }), 1, 2, 1);
    close(d1, 0.75); close(d2, 0.6125);
  });

  it("Adagrad on a hand-computed 2-step example", () => {
    // s1 = 4: w = 1 − 0.1·2/2 = 0.9; s2 = 5: w = 0.9 − 0.1/√5
    const [a1, a2] = twoSteps((ps) => new Adagrad(ps, { lr: 0.1, eps: 0 }), 1, 2, 1);
    close(a1, 0.9); close(a2, 0.9 - 0.1 / Math.sqrt(5));
  });

  it("RMSProp on a hand-computed 2-step example (plain and centred)", () => {
    // α = 0.5: v1 = 2, w = 1 − 0.1·2/√2; v2 = 1 + 0.5 = 1.5, w −= 0.1/√1.5
    const [r1, r2] = twoSteps((ps) => new RMSProp(ps, { lr: 0.1, alpha: 0.5, eps: 0 }), 1, 2, 1);
    close(r1, 1 - 0.2 / Math.sqrt(2)); close(r2, r1 - 0.1 / Math.sqrt(1.5));
    // centred: ḡ1 = 1, d1 = √(2 − 1) = 1 → w = 0.8; ḡ2 = 1, v2 = 1.5, d2 = √0.5 → w = 0.8 − 0.1/√0.5
    const [c1, c2] = twoSteps((ps) => new RMSProp(ps, { lr: 0.1, alpha: 0.5, eps: 0, centered: true }), 1, 2, 1);
    close(c1, 0.8); close(c2, 0.8 - 0.1 / Math.sqrt(0.5));
  });

  it("Adam on a hand-computed 2-step example (bias correction makes the first step lr·sign(g))", () => {
    const [b1, b2] = [0.9, 0.999];
    const [a1, a2] = twoSteps((ps) => new Adam(ps, { lr: 0.1, eps: 0 }), 1, 2, 1);
    close(a1, 0.9);
    const m = b1 * (1 - b1) * 2 + (1 - b1) * 1;
    const v = b2 * (1 - b2) * 4 + (1 - b2) * 1;
    close(a2, 0.9 - 0.1 * (m / (1 - b1 ** 2)) / Math.sqrt(v / (1 - b2 ** 2)));
  });

  it("SGD(momentum) and Adam reproduce 3 torch.optim steps from the fixture to 1e-12", () => {
    for (const [name, make] of [
      ["SGD", (ps: Param[]) => new SGD(ps, fixtures.SGD.hyper)],
      ["Adam", (ps: Param[]) => new Adam(ps, fixtures.Adam.hyper)],
    ] as const) {
      const params: Param[] = ["w", "b"].map((k) => {
        const value = tensor(fixtures.init[k]);
        return { name: k, value, grad: zeros(value.shape) };
      });
      const opt = make(params);
      fixtures.grads.forEach((g: Record<string, number[]>, step: number) => {
        opt.zeroGrad();
        for (const p of params) p.grad.data.set(tensor(g[p.name]).data);
        opt.step();
        for (const p of params) {
          const want = tensor(fixtures[name].after[step][p.name]).data;
          p.value.data.forEach((x, k) => close(x, want[k], 1e-12));
        }
      });
    }
  });

  it("clipGradNorm returns the norm before clipping and matches clip_grad_norm_ (clipping and not)", () => {
    for (const c of [fixtures.clipGradNorm.clips, fixtures.clipGradNorm.noClip]) {
      const params: Param[] = c.params.map((p: any) => ({ name: p.name, value: tensor(p.value), grad: tensor(p.grad) }));
      close(clipGradNorm(params, c.maxNorm), c.totalNorm, 1e-13);
      params.forEach((p, i) => {
        const want = tensor(c.params[i].gradAfter).data;
        p.grad.data.forEach((x, k) => close(x, want[k], 1e-13));
      });
    }
  });

  it("clipGradNorm scales to maxNorm across parameters; clipGradValue clamps elements", () => {
    const ps: Param[] = [
      { name: "a", value: zeros([2]), grad: tensor([3, 0]) },
      { name: "b", value: zeros([1]), grad: tensor([4]) },
    ];
    assert.equal(clipGradNorm(ps, 1), 5);
    close(gradNorm(ps), 1, 1e-6);
    const q: Param = { name: "q", value: zeros([3]), grad: tensor([-2, 0.5, 9]) };
    clipGradValue([q], 1);
    assert.deepEqual(Array.from(q.grad.data), [-1, 0.5, 1]);
    assert.throws(() => clipGradNorm(ps, 0), /clipGradNorm: maxNorm must be > 0/);
  });

  it("constructors reject bad params and hyper-parameters", () => {
    const bad = [{ name: "w", value: zeros([2]), grad: zeros([3]) }] as Param[];
    assert.throws(() => new SGD(bad, { lr: 0.1 }), /SGD: params\[0\] \(w\) must have value and grad of the same shape/);
    assert.throws(() => new Adam([], {}), /Adam: params must be a non-empty array/);
    assert.throws(() => new SGD([{ name: "w", value: zeros([1]), grad: zeros([1]) }], { lr: NaN }), /SGD: lr must be/);
    assert.throws(() => new Adam([{ name: "w", value: zeros([1]), grad: zeros([1]) }], { beta1: 1 }), /Adam: beta1 must be a finite number ≥ 0 and < 1, got 1/);
  });

  it("zeroGrad resets every gradient; step never touches gradients", () => {
    const p: Param = { name: "w", value: new Tensor(new Float64Array([1, 2]), [2]), grad: tensor([0.5, -0.5]) };
    const opt = new RMSProp([p], { momentum: 0.9 });
    opt.step();
    assert.deepEqual(Array.from(p.grad.data), [0.5, -0.5]);
    opt.zeroGrad();
    assert.deepEqual(Array.from(p.grad.data), [0, 0]);
  });
});
