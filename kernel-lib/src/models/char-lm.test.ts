// CharLM: gradients against central differences, carried state = one unbroken run, stream chunks, sampling, baselines.
import { strict as assert } from "node:assert";
import { Rng, Tensor } from "../tensor";
import { assertGradMatches } from "../cells/fdcheck.test";
import { CharLM } from "./char-lm";
import { ngramBaseline, sampleText, streamChunks, streamCrossEntropy, wordBatch } from "./char-lm-text";

const V = 6;
const ids = Array.from({ length: 41 }, (_, i) => (i * 7 + (i % 3)) % V);

describe("models/CharLM", () => {
  for (const cell of ["rnn", "lstm", "gru"] as const) {
    it(`${cell}: trainChunk's gradients match central differences of the chunk's mean cross-entropy (carried state held fixed)`, () => {
      const lm = new CharLM({ cell, vocabSize: V, embedDim: 3, hiddenSize: 4, rng: new Rng(1) });
      const [c0, c1] = streamChunks(ids, 2, 5);
      lm.trainChunk(c0);
      const carried = lm.carry;
      lm.zeroGrad();
      lm.trainChunk(c1);
      const grads = Object.fromEntries(lm.parameters().map((p) => [p.name, p.grad.clone()]));
      for (const p of lm.parameters()) assertGradMatches(`${cell} ${p.name}`, grads[p.name], () => lm.loss(c1, carried).loss, p.value);
    });
  }

  it("carrying the state across chunks gives the same logits as one unbroken run of the stream", () => {
    const lm = new CharLM({ cell: "lstm", vocabSize: V, embedDim: 3, hiddenSize: 4, rng: new Rng(2) });
    const chunks = streamChunks(ids, 2, 4);
    const long = lm.forward(new Tensor(Float64Array.from(chunks.flatMap((c) => Array.from(c.x.data))), [4 * chunks.length, 2]));
    let state = null;
    const pieces: number[] = [];
    for (const c of chunks) {
      const f = lm.forward(c.x, state);
      pieces.push(...f.logits.data);
      state = f.state;
    }
    assert.deepEqual(Float64Array.from(pieces), long.logits.data);
  });

  it("streamChunks: chunk k + 1 continues chunk k in every column; targets are the next ids", () => {
    const chunks = streamChunks(ids, 2, 5);
    assert.equal(chunks.length, 4); // L = 20 per stream, 4 chunks of 5
    for (let b = 0; b < 2; b++) {
      const col = chunks.flatMap((c) => [0, 1, 2, 3, 4].map((t) => c.x.data[t * 2 + b]));
      assert.deepEqual(col, ids.slice(b * 20, b * 20 + 20));
      const next = chunks.flatMap((c) => [0, 1, 2, 3, 4].map((t) => c.targets[t * 2 + b]));
      assert.deepEqual(next, ids.slice(b * 20 + 1, b * 20 + 21));
    }
    assert.throws(() => streamChunks(ids.slice(0, 5), 2, 5), /too short for B = 2 streams of T = 5 steps/);
  });

  it("wordBatch pads words and masks the padding; sampling is seeded and stops at the stop id", () => {
    const wb = wordBatch([[2, 4, 5, 3], [2, 4, 3]]);
    assert.deepEqual(Array.from(wb.x.data), [2, 2, 4, 4, 5, 0]);
    assert.deepEqual(wb.targets, [4, 4, 5, 3, 3, 0]);
    assert.deepEqual(Array.from((wb.mask as Tensor).data), [1, 1, 1, 1, 1, 0]);
    const lm = new CharLM({ cell: "gru", vocabSize: V, embedDim: 3, hiddenSize: 4, rng: new Rng(3) });
    const a = sampleText(lm, { prime: [2], length: 30, rng: new Rng(9), stopId: 3, banned: [0] });
    assert.deepEqual(sampleText(lm, { prime: [2], length: 30, rng: new Rng(9), stopId: 3, banned: [0] }), a);
    assert.ok(!a.includes(0));
    assert.ok(a.indexOf(3) === -1 || a.indexOf(3) === a.length - 1);
  });

  it("n-gram baselines: a uniform unigram scores log V; a bigram of a deterministic stream beats it", () => {
    const cycle = Array.from({ length: 600 }, (_, i) => i % V);
    assert.ok(Math.abs(ngramBaseline(cycle, V, 1).crossEntropy(cycle) - Math.log(V)) < 1e-2);
    assert.ok(ngramBaseline(cycle, V, 2).crossEntropy(cycle) < 0.05);
    const lm = new CharLM({ cell: "rnn", vocabSize: V, embedDim: 2, hiddenSize: 3, rng: new Rng(4) });
    const ce = streamCrossEntropy(lm, cycle, 4, 10);
    assert.ok(Number.isFinite(ce) && ce > 0);
  });
});
