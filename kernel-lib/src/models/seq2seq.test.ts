// Tests of the encoder-decoder: finite-difference gradient check through decoder and encoder, decoding, beam search.
import { strict as assert } from "assert";
import { Rng } from "../tensor";
import type { CellKind } from "../cells/types";
import { Adam } from "../optim";
import { fit } from "../train";
import { Seq2Seq, Seq2SeqPair } from "./seq2seq";
import { beamSearch } from "./beam";

const CELLS: CellKind[] = ["rnn", "lstm", "gru"];
const FD_EPS = 1e-5;
const FD_TOL = 1e-6;

function tinyModel(cell: CellKind, seed = 1, V = 7): Seq2Seq {
  return new Seq2Seq({ cell, srcVocabSize: 6, tgtVocabSize: V, embedDim: 3, hiddenSize: 4, rng: new Rng(seed) });
}

// sources and targets of different lengths, so padding masks matter on both sides
const PAIRS: Seq2SeqPair[] = [
  { srcIds: [4, 5, 4], tgtIds: [2, 4, 5, 3] },
  { srcIds: [5], tgtIds: [2, 6, 4, 4, 5, 3] },
  { srcIds: [4, 4, 5, 5, 4], tgtIds: [2, 6, 3] },
];

describe("models/seq2seq", () => {
  for (const cell of CELLS) {
    it(`${cell}: the whole encoder-decoder loss gradient matches central differences (float64, < ${FD_TOL})`, () => {
      const model = tinyModel(cell);
      model.zeroGrad();
      model.lossAndGrad(PAIRS);
      let worst = { err: 0, name: "", i: -1 };
      let encoderGrad = 0;
      for (const p of model.parameters()) {
        for (let i = 0; i < p.value.size; i++) {
          const v = p.value.data[i];
          p.value.data[i] = v + FD_EPS;
          const lp = model.loss(PAIRS).loss;
          p.value.data[i] = v - FD_EPS;
          const lm = model.loss(PAIRS).loss;
          p.value.data[i] = v;
          const fd = (lp - lm) / (2 * FD_EPS);
          const err = Math.abs(fd - p.grad.data[i]);
          if (err > worst.err) worst = { err, name: p.name, i };
          if (p.name.startsWith("encoder.") || p.name.startsWith("srcEmbedding.")) encoderGrad += Math.abs(p.grad.data[i]);
        }
      }
      assert.ok(worst.err < FD_TOL, `worst |fd − analytic| = ${worst.err} at ${worst.name}[${worst.i}]`);
      assert.ok(encoderGrad > 1e-6, "gradient reaches the encoder through the decoder's initial state");
    });
  }

  it("padding does not change a pair's loss: a batch of one equals its row in a padded batch (sum reduction)", () => {
    const model = tinyModel("lstm");
    const alone = PAIRS.map((p) => {
      const b = model.makeBatch([p]);
      return model.loss([p]).loss * b.tgtMask.data.reduce((s, m) => s + m, 0);
    });
    const all = model.makeBatch(PAIRS);
    const together = model.loss(PAIRS).loss * all.tgtMask.data.reduce((s, m) => s + m, 0);
    assert.ok(Math.abs(together - alone.reduce((s, v) => s + v, 0)) < 1e-12);
  });

  it("makeBatch: decoder input is <bos> + target shifted right, targets end with <eos>", () => {
    const model = tinyModel("gru");
    const b = model.makeBatch([{ srcIds: [4, 5], tgtIds: [2, 6, 4, 3] }]);
    assert.deepEqual(Array.from(b.decIn.data), [2, 6, 4]);
    assert.deepEqual(b.targets, [6, 4, 3]);
    assert.deepEqual(Array.from(b.srcIds.data), [4, 5]);
    // a target without a leading <bos> gets one on the decoder side
    assert.deepEqual(Array.from(model.makeBatch([{ srcIds: [4], tgtIds: [6, 3] }]).decIn.data), [2, 6]);
  });

  it("fit learns to copy-translate a tiny language (loss falls, greedy output right)", () => {
    // a toy "translation": target word = source word + 1, reversed order
    const rng = new Rng(3);
    const pairs: Seq2SeqPair[] = [];
    for (let n = 0; n < 60; n++) {
      const len = 1 + rng.int(3);
      const src = Array.from({ length: len }, () => 4 + rng.int(3));
      pairs.push({ srcIds: src, tgtIds: [2, ...src.map((s) => s + 1).reverse(), 3] });
    }
    const model = new Seq2Seq({ cell: "gru", srcVocabSize: 7, tgtVocabSize: 8, embedDim: 8, hiddenSize: 16, rng: new Rng(0) });
    const h = fit(model, pairs, { epochs: 60, batchSize: 10, optimizer: new Adam(model.parameters(), { lr: 0.02 }), clipNorm: 5, rng: new Rng(1) });
    assert.ok(h.epochs[h.epochs.length - 1].loss < 0.2 * h.epochs[0].loss, `loss ${h.epochs[0].loss} → ${h.epochs[h.epochs.length - 1].loss}`);
    const right = pairs.filter((p) => model.greedyDecode(p.srcIds, { maxLen: 6 }).ids.join() === p.tgtIds.slice(1, -1).join()).length;
    assert.ok(right / pairs.length > 0.8, `greedy exact match ${right}/${pairs.length}`);
  });

  it("greedyDecode stops at maxLen and its logProb is the sum of the chosen tokens' log-probabilities", () => {
    const model = tinyModel("lstm", 5);
    const g = model.greedyDecode([4, 5], { maxLen: 3 });
    assert.ok(g.ids.length <= 3);
    let state = model.encodeSource([4, 5]);
    let prev = model.bosId;
    let lp = 0;
    const seq = g.finished ? [...g.ids, model.eosId] : g.ids;
    for (const id of seq) {
      const s = model.decodeStep([prev], state);
      lp += s.logProbs.data[id];
      state = s.state;
      prev = id;
    }
    assert.ok(Math.abs(lp - g.logProb) < 1e-12);
    assert.throws(() => model.greedyDecode([], {}), /Seq2Seq.greedyDecode: srcIds must be a non-empty/);
  });

  for (const cell of CELLS) {
    it(`${cell}: beam search with beamSize 1 equals greedy decoding`, () => {
      const model = tinyModel(cell, 11, 9);
      for (const src of [[4], [5, 4], [4, 4, 5], [5, 5, 5, 4]]) {
        const g = model.greedyDecode(src, { maxLen: 8 });
        const b = model.beamSearch(src, { beamSize: 1, maxLen: 8 });
        assert.deepEqual(b.ids, g.ids);
        assert.equal(b.logProb, g.logProb);
        assert.equal(b.finished, g.finished);
      }
    });
  }

  it("beam search never returns a lower log-probability than greedy (seeded models, many sources, k = 2..5)", () => {
    const rng = new Rng(7);
    let better = 0;
    for (const cell of CELLS) {
      const model = tinyModel(cell, 21, 9);
      for (let n = 0; n < 15; n++) {
        const src = Array.from({ length: 1 + rng.int(4) }, () => 4 + rng.int(2));
        const g = model.greedyDecode(src, { maxLen: 6 });
        for (const k of [2, 3, 5]) {
          const b = model.beamSearch(src, { beamSize: k, maxLen: 6 });
          assert.ok(b.logProb >= g.logProb - 1e-12, `${cell} k=${k}: beam ${b.logProb} < greedy ${g.logProb}`);
          if (b.logProb > g.logProb + 1e-9) better++;
        }
      }
    }
    assert.ok(better > 0, "on some source the beam finds a strictly more probable output than greedy");
  });

  it("beamSearch: candidates are sorted by score and the length penalty rescales scores", () => {
    const model = tinyModel("gru", 4, 9);
    const r = beamSearch(model, [4, 5, 4], { beamSize: 4, maxLen: 6, lengthPenalty: 1 });
    for (let i = 1; i < r.candidates.length; i++) assert.ok(r.candidates[i - 1].score >= r.candidates[i].score);
    const c = r.candidates[0];
    const len = c.ids.length + (c.finished ? 1 : 0);
    assert.ok(Math.abs(c.score - c.logProb / ((5 + len) / 6)) < 1e-12);
    assert.throws(() => beamSearch(model, [4], { beamSize: 0 }), /beamSearch: beamSize must be a positive integer/);
  });

  it("constructor checks its options", () => {
    assert.throws(() => new Seq2Seq({ cell: "lstm", srcVocabSize: 0, tgtVocabSize: 5, embedDim: 2, hiddenSize: 2 }), /Seq2Seq: srcVocabSize must be a positive integer/);
    assert.throws(() => new Seq2Seq({ cell: "cnn" as CellKind, srcVocabSize: 5, tgtVocabSize: 5, embedDim: 2, hiddenSize: 2 }), /Seq2Seq: cell must be/);
  });
});
