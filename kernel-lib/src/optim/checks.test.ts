// Optimizer hyper-parameters refused as PyTorch refuses them, clipGradNorm's errorIfNonfinite, and debug mode naming the step.
import { strict as assert } from "node:assert";
import { Tensor, tensor, zeros } from "../tensor";
import { setDebug } from "../args";
import type { Param } from "../cells/types";
import { Adagrad, Adam, RMSProp, SGD, clipGradNorm } from "./index";

function params(): Param[] {
  return [
    { name: "weight_ih_l0", value: tensor([[1, 2], [3, 4]]), grad: tensor([[0.1, 0.2], [0.3, 0.4]]) },
    { name: "bias_ih_l0", value: tensor([1, -1]), grad: tensor([0.5, -0.5]) },
  ];
}

describe("optimizer and clipping checks", () => {
  afterEach(() => setDebug(false));

  it("refuses the settings PyTorch refuses: eps, weight decay, lr decay, betas, momentum, NaN anywhere", () => {
    const cases: [() => unknown, RegExp][] = [
      [() => new Adam(params(), { eps: -1 }), /^Error: Adam: eps must be a finite number ≥ 0, got -1$/],
      [() => new Adam(params(), { weightDecay: -0.1 }), /^Error: Adam: weightDecay must be a finite number ≥ 0, got -0\.1$/],
      [() => new Adam(params(), { weightDecay: NaN }), /^Error: Adam: weightDecay must be a finite number ≥ 0, got NaN$/],
      [() => new Adam(params(), { beta2: 1 }), /^Error: Adam: beta2 must be a finite number ≥ 0 and < 1, got 1$/],
      [() => new Adam(params(), { lr: "0.1" as never }), /^Error: Adam: lr must be a finite number ≥ 0, got "0\.1" \(string\)$/],
      [() => new SGD(params(), { lr: 0.1, dampening: -1 }), /^Error: SGD: dampening must be a finite number ≥ 0 and ≤ 1, got -1$/],
      [() => new SGD(params(), { lr: 0.1, dampening: NaN }), /^Error: SGD: dampening must be/],
      [() => new SGD(params(), { lr: 0.1, weightDecay: -1 }), /^Error: SGD: weightDecay must be a finite number ≥ 0, got -1$/],
      [() => new SGD(params(), { lr: 0.1, momentum: NaN }), /^Error: SGD: momentum must be/],
      [() => new SGD(params(), { lr: 0.1, nesterov: "yes" as never }), /^Error: SGD: nesterov must be true or false, got "yes" \(string\)$/],
      [() => new Adagrad(params(), { lrDecay: -1 }), /^Error: Adagrad: lrDecay must be a finite number ≥ 0, got -1$/],
      [() => new Adagrad(params(), { initialAccumulatorValue: -1 }), /^Error: Adagrad: initialAccumulatorValue must be/],
      [() => new RMSProp(params(), { alpha: 2 }), /^Error: RMSProp: alpha must be a finite number ≥ 0 and ≤ 1, got 2$/],
      [() => new RMSProp(params(), { eps: -1e-8 }), /^Error: RMSProp: eps must be/],
      [() => new RMSProp(params(), { momentum: -0.9 }), /^Error: RMSProp: momentum must be/],
      [() => new Adam(params(), { weight_decay: 0.1 } as never), /^Error: Adam: unknown option weight_decay in opts; known: lr, beta1, beta2, eps, weightDecay$/],
      [() => new Adam(42 as never), /^Error: Adam: params must be a non-empty array of Param/],
    ];
    for (const [f, re] of cases) assert.throws(f, re);
  });

  it("a learning rate set to NaN by a schedule is refused at the next step", () => {
    const opt = new SGD(params(), { lr: 0.1 });
    opt.lr = NaN;
    assert.throws(() => opt.step(), /^Error: SGD\.step: lr must be a finite number ≥ 0, got NaN$/);
  });

  it("clipGradNorm({ errorIfNonfinite }) names the parameter and the index; without it the norm is returned as PyTorch does", () => {
    const ps = params();
    ps[1].grad.data[1] = NaN;
    assert.throws(() => clipGradNorm(ps, 1, { errorIfNonfinite: true }), /^Error: clipGradNorm: the gradient of bias_ih_l0 holds NaN at \[1\]$/);
    assert.equal(clipGradNorm(params().map((p, i) => (i === 1 ? { ...p, grad: tensor([Infinity, 0]) } : p)), 1), Infinity);
    const huge = [{ name: "w", value: zeros([2]), grad: tensor([1e200, 1e200]) }];
    assert.throws(() => clipGradNorm(huge, 1, { errorIfNonfinite: true }), /clipGradNorm: the total gradient norm overflows to Infinity/);
    assert.throws(() => clipGradNorm(params(), 1, { errorIfNonFinite: true } as never), /clipGradNorm: unknown option errorIfNonFinite/);
  });

  it("debug mode: a NaN gradient is named with its step and the weights are left unchanged", () => {
    setDebug(true);
    const ps = params();
    const opt = new Adam(ps, { lr: 0.1 });
    opt.step();
    const before = ps.map((p) => p.value.data.slice());
    ps[0].grad.data[3] = NaN;
    assert.throws(() => opt.step(), /^Error: Adam\.step \(step 2, weights left unchanged\): the gradient of weight_ih_l0 holds NaN at \[1, 1\]$/);
    ps.forEach((p, i) => assert.deepEqual(p.value.data, before[i]));
  });

  it("debug mode: an exploding update is named at the step it happens", () => {
    setDebug(true);
    const ps: Param[] = [{ name: "w", value: tensor([1e308, 0]), grad: tensor([-1, 0]) }];
    const opt = new SGD(ps, { lr: 1e308 });
    assert.throws(() => opt.step(), /^Error: SGD\.step \(step 1: the update exploded, lr = 1e\+308, gradient finite\): w holds Infinity at \[0\]$/);
    setDebug(false);
    const quiet: Param[] = [{ name: "w", value: tensor([1e308, 0]), grad: tensor([-1, 0]) }];
    new SGD(quiet, { lr: 1e308 }).step(); // without debug mode nothing is checked (and nothing costs)
    assert.equal(quiet[0].value.data[0], Infinity);
  });

  it("setDebug takes a boolean", () => {
    assert.throws(() => setDebug(1 as never), /^Error: setDebug: on must be true or false, got 1$/);
    assert.ok(new Tensor(new Float64Array(1), [1]));
  });
});
