// Every autograd op's gradient against float64 central differences, plus closed forms for a few.
import { strict as assert } from "assert";
import { Rng, Tensor, randn, tensor, uniform } from "../tensor";
import { Var, ag, valueAndGrad, valueAndGradRecord } from "./index";
import { gradCheck } from "../diagnostics";

const TOL = 1e-6;

/** Worst relative error of the tape's gradients against float64 central differences (diagnostics' gradCheck). */
function fdWorst(f: (...v: Var[]) => Var, inputs: Tensor[]): number {
  const { grads } = valueAndGrad(f)(...inputs);
  const params = inputs.map((value, k) => ({ name: `arg${k}`, value, grad: grads[k] }));
  return gradCheck(() => f(...inputs.map((t) => new Var(t))).item(), params).worstRelError;
}

/** A fixed random weighting so that a non-scalar output becomes a scalar with a generic gradient. */
function weighted(y: Var, rng: Rng): Var {
  return ag.sum(ag.mul(y, new Var(randn(y.shape, { rng }))));
}

describe("autograd ops agree with central differences (float64, < 1e-6)", () => {
  const rng = new Rng(7);
  const r = (...shape: number[]): Tensor => randn(shape, { rng });
  const pos = (...shape: number[]): Tensor => uniform(shape, { low: 0.5, high: 2, rng });
  const cases: [string, (...v: Var[]) => Var, Tensor[]][] = [
    ["add with broadcasting [3,4] + [4]", (a, b) => weighted(ag.add(a, b), new Rng(1)), [r(3, 4), r(4)]],
    ["add with broadcasting [3,1] + [1,4]", (a, b) => weighted(ag.add(a, b), new Rng(1)), [r(3, 1), r(1, 4)]],
    ["sub [2,3,4] − [3,1]", (a, b) => weighted(ag.sub(a, b), new Rng(2)), [r(2, 3, 4), r(3, 1)]],
    ["mul [3,4] ∗ [4]", (a, b) => weighted(ag.mul(a, b), new Rng(3)), [r(3, 4), r(4)]],
    ["div [3,4] / [3,1]", (a, b) => weighted(ag.div(a, b), new Rng(4)), [r(3, 4), pos(3, 1)]],
    ["neg and scale", (a) => weighted(ag.scale(ag.neg(a), 2.5), new Rng(5)), [r(2, 3)]],
    ["matmul [3,4] [4,2]", (a, b) => weighted(ag.matmul(a, b), new Rng(6)), [r(3, 4), r(4, 2)]],
    ["transpose 2-D", (a) => weighted(ag.transpose(a), new Rng(7)), [r(3, 4)]],
    ["transpose 3-D perm", (a) => weighted(ag.transpose(a, [1, 2, 0]), new Rng(7)), [r(2, 3, 4)]],
    ["tanh", (a) => weighted(ag.tanh(a), new Rng(8)), [r(3, 4)]],
    ["sigmoid", (a) => weighted(ag.sigmoid(a), new Rng(9)), [r(3, 4)]],
    ["relu (away from 0)", (a) => weighted(ag.relu(a), new Rng(10)), [tensor([[0.5, -0.7, 1.2], [-0.3, 0.9, -2]])]],
    ["exp", (a) => weighted(ag.exp(a), new Rng(11)), [r(3, 4)]],
    ["log", (a) => weighted(ag.log(a), new Rng(12)), [pos(3, 4)]],
    ["square", (a) => weighted(ag.square(a), new Rng(13)), [r(3, 4)]],
    ["sum over all", (a) => ag.sum(ag.square(a)), [r(3, 4)]],
    ["sum over axis 1", (a) => weighted(ag.sum(a, 1), new Rng(14)), [r(2, 3, 4)]],
    ["sum over axis −1 keepDims", (a) => weighted(ag.sum(a, -1, true), new Rng(14)), [r(2, 3, 4)]],
    ["mean over all", (a) => ag.mean(ag.square(a)), [r(3, 4)]],
    ["mean over axis 0", (a) => weighted(ag.mean(a, 0), new Rng(15)), [r(3, 4)]],
    ["concat along axis 1", (a, b) => weighted(ag.concat([a, b], 1), new Rng(16)), [r(2, 3), r(2, 5)]],
    ["slice along axis 1", (a) => weighted(ag.slice(a, 1, 1, 3), new Rng(17)), [r(2, 4, 3)]],
    ["split into 3 and recombine", (a) => {
      const [p, q, s] = ag.split(a, 3, 1);
      return weighted(ag.add(ag.mul(p, q), ag.tanh(s)), new Rng(18));
    }, [r(2, 6)]],
    ["reshape", (a) => weighted(ag.reshape(a, [4, -1]), new Rng(19)), [r(2, 3, 2)]],
    ["index and stack", (a) => weighted(ag.stack([ag.index(a, 2), ag.index(a, 0)], 1), new Rng(20)), [r(3, 2, 4)]],
    ["softmax along last axis", (a) => weighted(ag.softmax(a), new Rng(21)), [r(3, 5)]],
    ["softmax along axis 0", (a) => weighted(ag.softmax(a, 0), new Rng(22)), [r(3, 5)]],
    ["logSoftmax", (a) => weighted(ag.logSoftmax(a), new Rng(23)), [r(3, 5)]],
    ["logSumExp along axis 1", (a) => weighted(ag.logSumExp(a, 1), new Rng(24)), [r(2, 5, 3)]],
    ["softmaxCrossEntropy (mean)", (a) => ag.softmaxCrossEntropy(a, [0, 4, 2]), [r(3, 5)]],
    ["softmaxCrossEntropy (masked, sum)", (a) => ag.softmaxCrossEntropy(a, [1, 3, 2], { mask: [1, 0, 1], reduction: "sum" }), [r(3, 5)]],
    ["mse", (a, b) => ag.mse(a, b), [r(3, 4), r(3, 4)]],
    ["a Var used twice (gradients add)", (a) => ag.sum(ag.mul(ag.tanh(a), ag.sigmoid(a))), [r(3, 4)]],
  ];
  for (const [name, f, inputs] of cases) {
    it(name, () => {
      const worst = fdWorst(f, inputs);
      assert.ok(worst < TOL, `${name}: worst relative error ${worst.toExponential(2)}`);
    });
  }
});

describe("autograd ops agree with closed forms", () => {
  it("∂/∂x Σ x² = 2x", () => {
    const x = new Var(tensor([1, -2, 3]));
    ag.sum(ag.square(x)).backward();
    assert.deepEqual(x.grad!.toArray(), [2, -4, 6]);
  });
  it("∂/∂z softmaxCrossEntropy = (softmax(z) − onehot)/N", () => {
    const z = tensor([[1, 2, 3], [0, 0, 0]]);
    const { grads } = valueAndGrad((v) => ag.softmaxCrossEntropy(v, [2, 0]))(z);
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const s = e[0] + e[1] + e[2];
    const expected = [[e[0] / s / 2, e[1] / s / 2, (e[2] / s - 1) / 2], [(1 / 3 - 1) / 2, 1 / 6, 1 / 6]];
    grads[0].data.forEach((g, i) => assert.ok(Math.abs(g - expected.flat()[i]) < 1e-12));
  });
  it("∂/∂W Σ (x W) = xᵀ 1 and bias gradient is the column sum", () => {
    const x = tensor([[1, 2], [3, 4], [5, 6]]);
    const { grads } = valueAndGradRecord((p) => ag.sum(ag.add(ag.matmul(new Var(x), p.W), p.b)), { W: tensor([[0, 1], [1, 0]]), b: tensor([0, 0]) });
    assert.deepEqual(grads.W.toArray(), [[9, 9], [12, 12]]);
    assert.deepEqual(grads.b.toArray(), [3, 3]);
  });
  it("leaves accumulate over two backward calls until zeroGrad", () => {
    const x = new Var(tensor([1, 2]));
    ag.sum(ag.scale(x, 3)).backward();
    ag.sum(ag.scale(x, 3)).backward();
    assert.deepEqual(x.grad!.toArray(), [6, 6]);
    x.zeroGrad();
    assert.equal(x.grad, null);
  });
  it("an unused argument gets a zero gradient, a non-scalar result is refused", () => {
    const { grads } = valueAndGrad((a, _b) => ag.sum(a))(tensor([1, 2]), tensor([[1, 2]]));
    assert.deepEqual(grads[1].toArray(), [[0, 0]]);
    assert.throws(() => valueAndGrad((a) => ag.tanh(a))(tensor([1, 2])), /valueAndGrad: f must return a one-element Var/);
  });
  it("a long chain (10 000 ops) does not overflow the stack", () => {
    let y = new Var(tensor([0.5]));
    const x = y;
    for (let i = 0; i < 10000; i++) y = ag.scale(y, 1);
    ag.sum(y).backward();
    assert.equal(x.grad!.item(), 1);
  });
  it("shape errors name the op", () => {
    assert.throws(() => ag.matmul(new Var(tensor([[1, 2]])), new Var(tensor([[1, 2]]))), /ag\.matmul: b must be \[K, N\]/);
  });
});
