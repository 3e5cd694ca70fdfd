import { strict as assert } from "node:assert";
import { Rng, Tensor, randn, tensor, uniform } from "../tensor";
import { accuracy, binaryCrossEntropyWithLogits, mse, softmaxCrossEntropy } from "./index";

const GRAD_TOL = 1e-6;

/** Worst relative error between an analytic gradient and central differences of `f` at `x`. */
function worstGradError(f: (x: Tensor) => number, x: Tensor, analytic: Tensor): number {
  const h = 1e-5;
  let worst = 0;
  for (let i = 0; i < x.size; i++) {
    const keep = x.data[i];
    x.data[i] = keep + h;
    const up = f(x);
    x.data[i] = keep - h;
    const down = f(x);
    x.data[i] = keep;
    const num = (up - down) / (2 * h);
    const err = Math.abs(num - analytic.data[i]) / Math.max(1e-8, Math.abs(num) + Math.abs(analytic.data[i]));
    if (Math.abs(num - analytic.data[i]) > 1e-10) worst = Math.max(worst, err);
  }
  return worst;
}

describe("losses", () => {
  const rng = new Rng(11);

  it("softmaxCrossEntropy matches -log softmax at the target on a hand example", () => {
    const z = tensor([[2, 0, -1], [0, 0, 0]]);
    const { loss, dLogits } = softmaxCrossEntropy(z, [0, 2]);
    const lse0 = Math.log(Math.exp(2) + 1 + Math.exp(-1));
    const expected = ((lse0 - 2) + Math.log(3)) / 2;
    assert.ok(Math.abs(loss - expected) < 1e-12, `${loss} vs ${expected}`);
    assert.ok(Math.abs(dLogits.get(1, 2) - (1 / 3 - 1) / 2) < 1e-12);
  });

  it("softmaxCrossEntropy gradient agrees with central differences (masked, mean and sum)", () => {
    const z = randn([5, 4], { rng });
    const y = [0, 3, 1, 2, 2];
    const mask = [1, 0, 1, 1, 0];
    for (const reduction of ["mean", "sum"] as const) {
      const { dLogits } = softmaxCrossEntropy(z, y, { mask, reduction });
      const err = worstGradError((x) => softmaxCrossEntropy(x, y, { mask, reduction }).loss, z, dLogits);
      assert.ok(err < GRAD_TOL, `${reduction}: worst relative error ${err}`);
    }
  });

  it("softmaxCrossEntropy averages over unmasked rows only and ignores their targets", () => {
    const z = randn([3, 2], { rng });
    const full = softmaxCrossEntropy(z, [1, 0, 1], { mask: [1, 1, 0] });
    const two = softmaxCrossEntropy(new Tensor(z.data.slice(0, 4), [2, 2]), [1, 0]);
    assert.ok(Math.abs(full.loss - two.loss) < 1e-14);
    const padded = softmaxCrossEntropy(z, [1, 0, -1], { mask: [1, 1, 0] });
    assert.equal(padded.loss, full.loss);
    assert.deepEqual(Array.from(full.dLogits.data.slice(4)), [0, 0]);
  });

  it("softmaxCrossEntropy is stable for huge logits", () => {
    const { loss, dLogits } = softmaxCrossEntropy(tensor([[1000, 0], [-1000, 1000]]), [1, 0]);
    assert.ok(Number.isFinite(loss) && Math.abs(loss - 1500) < 1e-9, `${loss}`);
    assert.ok(Array.from(dLogits.data).every(Number.isFinite));
  });

  it("softmaxCrossEntropy reads [T, B, C] logits with a [T, B] mask as T·B rows", () => {
    const z = randn([3, 2, 4], { rng });
    const mask = tensor([[1, 1], [1, 0], [0, 0]]);
    const y = [0, 1, 2, 3, 0, 0];
    const a = softmaxCrossEntropy(z, y, { mask });
    const b = softmaxCrossEntropy(z.reshape([6, 4]), y, { mask: [1, 1, 1, 0, 0, 0] });
    assert.equal(a.loss, b.loss);
    assert.deepEqual(a.dLogits.shape, [3, 2, 4]);
  });

  it("softmaxCrossEntropy rejects bad targets, masks and shapes with the function's name", () => {
    const z = randn([2, 3], { rng });
    assert.throws(() => softmaxCrossEntropy(z, [0, 3]), /softmaxCrossEntropy: target 3 at row 1 is out of range for 3 classes/);
    assert.throws(() => softmaxCrossEntropy(z, [0]), /targets must have 2 entries/);
    assert.throws(() => softmaxCrossEntropy(z, [0, 1], { mask: [1] }), /mask must have 2 entries.*length 1/);
    assert.throws(() => softmaxCrossEntropy(z, [0, 1], { mask: [1, 0.5] }), /only 0 and 1/);
    assert.throws(() => softmaxCrossEntropy(tensor([1, 2]), [0]), /must be \[N, C\] or \[T, B, C\], got \[2\]/);
    assert.throws(() => softmaxCrossEntropy(tensor([[NaN, 0]]), [0]), /logits holds NaN/);
  });

  it("mse matches the hand value and central differences, with a row mask over [T, B, D]", () => {
    assert.equal(mse(tensor([1, 2]), tensor([1, 4])).loss, 2);
    const p = randn([3, 2, 2], { rng });
    const t = randn([3, 2, 2], { rng });
    const mask = tensor([[1, 0], [1, 1], [0, 1]]);
    const { loss, dPred } = mse(p, t, { mask });
    let s = 0;
    for (let r = 0; r < 6; r++) if (mask.data[r]) for (let d = 0; d < 2; d++) s += (p.data[r * 2 + d] - t.data[r * 2 + d]) ** 2;
    assert.ok(Math.abs(loss - s / 8) < 1e-14);
    assert.ok(worstGradError((x) => mse(x, t, { mask }).loss, p, dPred) < GRAD_TOL);
    assert.throws(() => mse(p, tensor([1])), /mse: target must have pred's shape \[3, 2, 2\], got \[1\]/);
    assert.throws(() => mse(p, t, { mask: [1, 0, 1, 1, 0] }), /mse: mask must cover pred/);
  });

  it("binaryCrossEntropyWithLogits is log 2 at zero, stable at ±1000, and its gradient checks", () => {
    assert.ok(Math.abs(binaryCrossEntropyWithLogits(tensor([0]), tensor([1])).loss - Math.log(2)) < 1e-15);
    const big = binaryCrossEntropyWithLogits(tensor([1000, -1000]), tensor([0, 1]));
    assert.ok(Math.abs(big.loss - 1000) < 1e-9, `${big.loss}`);
    const z = randn([4, 3], { rng });
    const y = uniform([4, 3], { rng });
    const mask = [1, 1, 0, 1];
    const { dLogits } = binaryCrossEntropyWithLogits(z, y, { mask });
    assert.ok(worstGradError((x) => binaryCrossEntropyWithLogits(x, y, { mask }).loss, z, dLogits) < GRAD_TOL);
    assert.throws(() => binaryCrossEntropyWithLogits(z, tensor([[2, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]])), /targets must lie in \[0, 1\], got 2/);
  });

  it("accuracy counts arg-max hits over unmasked rows", () => {
    const z = tensor([[1, 0], [0, 1], [3, 2]]);
    assert.equal(accuracy(z, [0, 0, 0]), 2 / 3);
    assert.equal(accuracy(z, [0, 0, 1], [1, 1, 0]), 0.5);
    assert.equal(accuracy(z, [0, 0, 0], [0, 0, 0]), 0);
  });
});
