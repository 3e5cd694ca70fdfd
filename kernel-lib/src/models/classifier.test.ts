import { strict as assert } from "node:assert";
import { Rng, Tensor, allClose } from "../tensor";
import { gradCheck } from "../diagnostics";
import { Adam } from "../optim";
import { fit, evaluate } from "../train";
import { SequenceClassifier } from "./classifier";
import { BagOfWordsClassifier } from "./bag-of-words";
import { LabeledSequence, bucketedClassifierBatcher, classifierBatcher, toClassifierBatch } from "./classifier-batch";
import { countParams } from "./classifier-count-params";

// Three sequences of lengths 5, 2 and 4 over a vocabulary of 9 (id 0 = <pad>), three classes.
const EXAMPLES: LabeledSequence[] = [
  { ids: [3, 5, 1, 8, 2], label: 2 },
  { ids: [7, 4], label: 0 },
  { ids: [6, 6, 2, 3], label: 1 },
];
const V = 9;

describe("SequenceClassifier", () => {
  for (const cell of ["rnn", "lstm", "gru"] as const) {
    it(`${cell}: the full loss gradient (embedding, recurrent layer, head) matches central differences to 1e-6, with padding masks`, () => {
      const model = new SequenceClassifier({ cell, vocabSize: V, embedDim: 3, hiddenSize: 4, numClasses: 3, rng: new Rng(11) });
      const batch = toClassifierBatch(EXAMPLES);
      assert.deepEqual(batch.mask.shape, [5, 3]);
      model.zeroGrad();
      model.lossAndGrad(batch);
      const report = gradCheck(() => model.loss(batch).loss, model.parameters());
      assert.ok(report.ok, report.toString());
      // <pad> has no gradient and stays a zero row
      const emb = model.parameters()[0];
      assert.equal(emb.name, "embedding.weight");
      assert.deepEqual(Array.from(emb.grad.data.subarray(0, 3)), [0, 0, 0]);
    });
  }

  it("padding does not change the prediction: the final state is each sequence's last real step", () => {
    const model = new SequenceClassifier({ cell: "lstm", vocabSize: V, embedDim: 3, hiddenSize: 4, numClasses: 3, rng: new Rng(2) });
    const padded = toClassifierBatch(EXAMPLES);
    const alone = EXAMPLES.map((e) => model.forward(toClassifierBatch([e]).ids).toArray() as number[][]);
    const together = model.forward(padded.ids, padded.mask).toArray() as number[][];
    together.forEach((row, b) => assert.ok(allClose(new Tensor(Float64Array.from(row), [3]), new Tensor(Float64Array.from(alone[b][0]), [3]), 1e-12, 0)));
    // without the mask the short sequences read their padding and the logits change
    const unmasked = model.forward(padded.ids).toArray() as number[][];
    assert.notDeepEqual(unmasked[1], together[1]);
  });

  it("numParams counts V·E + G·H·(E + H + 2) + C·(H + 1)", () => {
    for (const [cell, G] of [["rnn", 1], ["lstm", 4], ["gru", 3]] as const) {
      const m = new SequenceClassifier({ cell, vocabSize: 50, embedDim: 16, hiddenSize: 32, numClasses: 2, rng: new Rng(0) });
      assert.equal(m.numParams(), 50 * 16 + G * 32 * (16 + 32 + 2) + 2 * 33);
      assert.equal(countParams(m), m.numParams());
    }
  });

  it("one seed gives identical weights; a bad cell name or mask shape is rejected", () => {
    const a = new SequenceClassifier({ cell: "gru", vocabSize: V, embedDim: 3, hiddenSize: 4, numClasses: 2, rng: new Rng(5) });
    const b = new SequenceClassifier({ cell: "gru", vocabSize: V, embedDim: 3, hiddenSize: 4, numClasses: 2, rng: new Rng(5) });
    a.parameters().forEach((p, k) => assert.deepEqual(Array.from(p.value.data), Array.from(b.parameters()[k].value.data)));
    assert.throws(() => new SequenceClassifier({ cell: "tcn" as "rnn", vocabSize: V, embedDim: 3, hiddenSize: 4, numClasses: 2 }), /cell must be/);
    const batch = toClassifierBatch(EXAMPLES);
    assert.throws(() => a.forward(batch.ids, new Tensor(new Float64Array(4), [2, 2])), /SequenceClassifier\.forward: mask must be \[T, B\]/);
  });
});

describe("BagOfWordsClassifier", () => {
  for (const mode of ["mean", "counts"] as const) {
    it(`${mode}: the loss gradient matches central differences to 1e-6, with padding masks`, () => {
      const model = new BagOfWordsClassifier({ vocabSize: V, numClasses: 3, mode, embedDim: 3, rng: new Rng(4) });
      const batch = toClassifierBatch(EXAMPLES);
      model.zeroGrad();
      model.lossAndGrad(batch);
      const report = gradCheck(() => model.loss(batch).loss, model.parameters());
      assert.ok(report.ok, report.toString());
    });
  }

  it("is blind to word order: a permuted sequence gets the same logits", () => {
    const model = new BagOfWordsClassifier({ vocabSize: V, numClasses: 2, embedDim: 4, rng: new Rng(1) });
    const a = model.forward(toClassifierBatch([{ ids: [3, 5, 1, 8], label: 0 }]).ids);
    const b = model.forward(toClassifierBatch([{ ids: [8, 1, 5, 3], label: 0 }]).ids);
    assert.ok(allClose(a, b, 1e-12, 1e-12));
    assert.equal(model.numParams(), V * 4 + 2 * 5);
    assert.equal(new BagOfWordsClassifier({ vocabSize: V, numClasses: 2, mode: "counts" }).numParams(), 2 * (V + 1));
  });
});

describe("classifier batches", () => {
  it("bucketedClassifierBatcher: every example exactly once, batches of similar length, seeded", () => {
    const rng = new Rng(3);
    const data: LabeledSequence[] = Array.from({ length: 50 }, (_, i) => ({ ids: Array.from({ length: 1 + Math.floor(rng.uniform() * 20) }, () => 1 + i % 8), label: i % 2 }));
    const make = () => bucketedClassifierBatcher(data, 8, { rng: new Rng(9) });
    const b = make();
    assert.equal(b.size, 7);
    const batches = Array.from({ length: b.size }, (_, k) => b.batch([k]));
    assert.equal(batches.reduce((s, x) => s + x.labels.length, 0), 50);
    const realSteps = batches.reduce((s, x) => s + x.mask.data.reduce((a, v) => a + v, 0), 0);
    assert.equal(realSteps, data.reduce((s, e) => s + e.ids.length, 0));
    // sorted by length: each batch's padded length is at most the next batch's shortest sequence
    for (let k = 1; k < batches.length; k++) assert.ok(batches[k - 1].ids.shape[0] <= Math.min(...lengthsOf(batches[k])));
    assert.deepEqual(Array.from(make().batch([2]).ids.data), Array.from(b.batch([2]).ids.data));
    assert.throws(() => b.batch([0, 1]), /batchSize: 1/);
  });
});

function lengthsOf(batch: { mask: Tensor }): number[] {
  const [T, B] = batch.mask.shape;
  return Array.from({ length: B }, (_, j) => Array.from({ length: T }, (_, t) => batch.mask.data[t * B + j]).reduce((a, v) => a + v, 0));
}

describe("sequence classifiers with fit", () => {
  // label = 1 iff token 2 ("good") is NOT preceded by token 3 ("not"): order decides, the words alone do not
  function negationData(n: number, rng: Rng): LabeledSequence[] {
    return Array.from({ length: n }, () => {
      const neg = rng.uniform() < 0.5;
      const word = rng.uniform() < 0.5 ? 2 : 4; // good | bad
      const filler = Array.from({ length: 1 + Math.floor(rng.uniform() * 3) }, () => 5 + Math.floor(rng.uniform() * 3));
      const ids = neg ? [...filler, 3, word] : [3, ...filler, word];
      return { ids, label: (word === 2) !== neg ? 1 : 0 };
    });
  }

  it("a GRU learns an order-dependent toy task that a bag of words cannot (same words, different order)", () => {
    const train = negationData(256, new Rng(7));
    const test = negationData(128, new Rng(8));
    const run = (model: SequenceClassifier | BagOfWordsClassifier) => {
      fit(model, classifierBatcher(train), { epochs: 25, batchSize: 32, optimizer: new Adam(model.parameters(), { lr: 0.02 }), rng: new Rng(0) });
      return evaluate(model, classifierBatcher(test)).accuracy;
    };
    const gru = run(new SequenceClassifier({ cell: "gru", vocabSize: 8, embedDim: 8, hiddenSize: 16, numClasses: 2, rng: new Rng(3) }));
    const bow = run(new BagOfWordsClassifier({ vocabSize: 8, numClasses: 2, embedDim: 8, rng: new Rng(3) }));
    assert.ok(gru > 0.95, `GRU accuracy ${gru}`);
    assert.ok(bow < 0.8, `bag-of-words accuracy ${bow}`);
  });
});
