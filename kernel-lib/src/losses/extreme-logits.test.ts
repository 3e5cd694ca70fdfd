// softmaxCrossEntropy and logSoftmax at extreme logits, against closed forms (no cancellation at 1e16).
import { strict as assert } from "node:assert";
import { logSoftmax, tensor } from "../tensor";
import { softmaxCrossEntropy } from "./index";

/** `log(1 + e^d)` without overflow: the cross-entropy of two classes whose logits differ by d (the other one wins). */
function softplus(d: number): number {
  return Math.max(d, 0) + Math.log1p(Math.exp(-Math.abs(d)));
}

/** The error relative to max(1, |want|): what log(1 + e^{−|d|}) itself rounds to, whatever the logits' magnitude. */
function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.max(Math.abs(want), 1);
}

const MAGNITUDES = [0, 1, 1e4, 1e8, 1e12, 1e15, 1e16, 1e100, 1e300];

describe("softmaxCrossEntropy and logSoftmax at extreme logits", () => {
  it("two equal logits give exactly ln 2 and gradient [−½, ½] at every magnitude (PyTorch's values), both signs", () => {
    for (const a of MAGNITUDES) {
      for (const z of [a, -a]) {
        const { loss, dLogits } = softmaxCrossEntropy(tensor([[z, z]]), [0]);
        assert.equal(loss, Math.LN2, `loss at logits [${z}, ${z}]`);
        assert.deepEqual(Array.from(dLogits.data), [-0.5, 0.5], `gradient at logits [${z}, ${z}]`);
        assert.deepEqual(Array.from(logSoftmax(tensor([z, z])).data), [-Math.LN2, -Math.LN2], `logSoftmax at [${z}, ${z}]`);
      }
    }
  });

  it("C equal logits give exactly ln C (C = 3, 7, 1000)", () => {
    for (const C of [3, 7, 1000]) {
      for (const a of [1e16, -1e16, 1e300]) {
        const { loss } = softmaxCrossEntropy(tensor([new Array(C).fill(a)]), [C - 1]);
        assert.equal(loss, Math.log(C), `C = ${C}, logits ${a}`);
      }
    }
  });

  it("logits [a, a + d] match softplus(±d) within 4 ulp of max(1, loss), a up to 1e300, d exact", () => {
    let worst = 0;
    for (const a of MAGNITUDES) {
      for (const dWanted of [1, -3, 0.5, 2, 40, -40, 1e3]) {
        const z1 = a + dWanted;
        const d = z1 - a; // the difference the two stored logits really have (exact where representable)
        if (!Number.isFinite(z1) || d === 0) continue;
        for (const [target, want] of [[0, softplus(d)], [1, softplus(-d)]] as const) {
          const { loss } = softmaxCrossEntropy(tensor([[a, z1]]), [target]);
          const e = relErr(loss, want);
          worst = Math.max(worst, e);
          assert.ok(e <= 4 * Number.EPSILON, `a = ${a}, d = ${d}, target ${target}: ${loss} vs closed form ${want} (rel. error ${e})`);
          const ls = logSoftmax(tensor([a, z1])).data[target];
          assert.ok(relErr(-ls, want) <= 4 * Number.EPSILON, `logSoftmax a = ${a}, d = ${d}: ${ls} vs ${-want}`);
        }
      }
    }
    assert.ok(worst <= 4 * Number.EPSILON);
  });

  it("a logit far above the rest gives loss 0 for it and its gap for the others, gradient exactly one-hot differences", () => {
    for (const a of [1e4, 1e12, 1e16]) {
      const z = tensor([[a, -a, 0]]);
      assert.equal(softmaxCrossEntropy(z, [0]).loss, 0);
      assert.equal(softmaxCrossEntropy(z, [2]).loss, a);
      assert.equal(softmaxCrossEntropy(z, [1]).loss, 2 * a);
      assert.deepEqual(Array.from(softmaxCrossEntropy(z, [2]).dLogits.data), [1, 0, -1]);
    }
  });

  it("sums over rows and masks at extreme logits ([T, B, C] logits, [T, B] targets)", () => {
    const z = tensor([[[1e16, 1e16], [-1e16, -1e16]], [[5, 5], [1e300, 1e300]]]); // [T = 2, B = 2, C = 2]
    const { loss } = softmaxCrossEntropy(z, tensor([[0, 1], [1, 0]]), { reduction: "sum", mask: tensor([[1, 1], [0, 1]]) });
    assert.equal(loss, 3 * Math.LN2);
  });
});
