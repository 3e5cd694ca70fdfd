// Attention: the hand-derived backward against central differences (block alone, with a mask; and the whole AttentionSeq2Seq loss).
import { strict as assert } from "node:assert";
import { Rng, tensor, zeros } from "../tensor";
import { assertGradMatches, rand, weightedSum } from "../cells/fdcheck.test";
import { AttentionParams, attentionBackward, attentionForward } from "./attention";
import { AttentionSeq2Seq } from "./attention-seq2seq";

describe("models/attention", () => {
  it("attentionForward: weights are a distribution over the real source steps; the context is their mix", () => {
    const rng = new Rng(1);
    const H = 3;
    const p: AttentionParams = { Wa: rand([H, H], rng), Wc: rand([H, 2 * H], rng), bc: rand([H], rng) };
    const mask = tensor([[1, 1], [1, 1], [1, 0]]);
    const Henc = rand([3, 2, H], rng);
    const { alpha, context } = attentionForward(rand([2, 2, H], rng), Henc, mask, p);
    for (let t = 0; t < 2; t++) for (let b = 0; b < 2; b++) {
      const row = [0, 1, 2].map((j) => alpha.get(t, b, j));
      assert.ok(Math.abs(row.reduce((a, v) => a + v, 0) - 1) < 1e-12);
      if (b === 1) assert.equal(row[2], 0, "a padded source step gets no weight");
      for (let k = 0; k < H; k++) assert.ok(Math.abs(context.get(t, b, k) - row.reduce((a, w, j) => a + w * Henc.get(j, b, k), 0)) < 1e-12);
    }
    assert.throws(() => attentionForward(rand([1, 2, H], rng), Henc, zeros([3, 2]), p), /source column 0 has no real step/);
    assert.throws(() => attentionForward(rand([1, 2, H + 1], rng), Henc, null, p), /Henc must be \[Ts, B, H\] with B = 2, H = 4/);
  });

  it("attentionBackward matches central differences for S, Henc, Wa, Wc, bc (with a source mask)", () => {
    const rng = new Rng(2);
    const H = 4, Td = 3, Ts = 4, B = 2;
    const p: AttentionParams = { Wa: rand([H, H], rng, 0.7), Wc: rand([H, 2 * H], rng, 0.5), bc: rand([H], rng, 0.3) };
    const S = rand([Td, B, H], rng), Henc = rand([Ts, B, H], rng);
    const mask = tensor([[1, 1], [1, 1], [1, 0], [1, 0]]);
    const w = rand([Td, B, H], rng);
    const f = (): number => weightedSum(attentionForward(S, Henc, mask, p).hTilde, w);
    const { cache } = attentionForward(S, Henc, mask, p);
    const g: AttentionParams = { Wa: zeros([H, H]), Wc: zeros([H, 2 * H]), bc: zeros([H]) };
    const { dS, dHenc } = attentionBackward(w, cache, g);
    assertGradMatches("dS", dS, f, S);
    assertGradMatches("dHenc", dHenc, f, Henc);
    for (const k of ["Wa", "Wc", "bc"] as const) assertGradMatches(`d${k}`, g[k], f, p[k]);
    // padded source steps get exactly zero gradient
    for (let j = 2; j < 4; j++) for (let k = 0; k < H; k++) assert.equal(dHenc.get(j, 1, k), 0);
  });

  for (const [cell, bidirectionalEncoder] of [["lstm", false], ["gru", false], ["lstm", true], ["gru", true]] as const) {
    it(`AttentionSeq2Seq (${cell}${bidirectionalEncoder ? ", bidirectional encoder" : ""}): lossAndGrad matches central differences of the teacher-forced loss for every parameter`, () => {
      const model = new AttentionSeq2Seq({ cell, bidirectionalEncoder, srcVocabSize: 7, tgtVocabSize: 6, embedDim: 3, hiddenSize: bidirectionalEncoder ? 4 : 3, rng: new Rng(3) });
      if (bidirectionalEncoder) assert.ok(model.parameters().some((q) => q.name === "biEncoder.weight_hh_l0_reverse") && !model.parameters().some((q) => q.name.startsWith("encoder.")));
      const pairs = [{ srcIds: [4, 5, 6], tgtIds: [2, 4, 5, 3] }, { srcIds: [5, 4], tgtIds: [2, 5, 3] }];
      model.zeroGrad();
      model.lossAndGrad(pairs);
      const grads = Object.fromEntries(model.parameters().map((q) => [q.name, q.grad.clone()]));
      for (const q of model.parameters()) assertGradMatches(q.name, grads[q.name], () => model.loss(pairs).loss, q.value);
    });
  }

  it("decodeStep's alignment rows sum to 1 and translateWithAlignment gives one row per output step", () => {
    const model = new AttentionSeq2Seq({ cell: "gru", srcVocabSize: 7, tgtVocabSize: 6, embedDim: 3, hiddenSize: 4, rng: new Rng(4) });
    const r = model.translateWithAlignment([4, 5, 6, 4], { maxLen: 5 });
    assert.equal(r.alignment.length, r.ids.length + (r.finished ? 1 : 0));
    for (const row of r.alignment) assert.ok(row.length === 4 && Math.abs(row.reduce((a, v) => a + v, 0) - 1) < 1e-12);
    assert.deepEqual(model.greedyDecode([4, 5, 6, 4], { maxLen: 5 }).ids, r.ids);
    assert.throws(() => new AttentionSeq2Seq({ cell: "gru", srcVocabSize: 7, tgtVocabSize: 6, embedDim: 3, hiddenSize: 4 }).decodeStep([2], { h: zeros([1, 4]) }), /call encodeSource first/);
  });
});
