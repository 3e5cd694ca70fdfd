// Tests of BLEU against examples computed by hand (clipping, brevity penalty, corpus pooling, smoothing).
import { strict as assert } from "assert";
import { bleu, sentenceBleu } from "./bleu";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);
const w = (s: string) => s.split(" ");

describe("models/bleu", () => {
  it("clips repeated words to their reference count (Papineni et al.'s 'the the the …' example): p1 = 2/7", () => {
    const r = bleu([w("the the the the the the the")], [w("the cat is on the mat")], { maxN: 1 });
    close(r.precisions[0], 2 / 7);
    close(r.brevityPenalty, 1); // c = 7 > r = 6
    close(r.bleu, 2 / 7);
  });

  it("a short candidate: BLEU-2 = exp(1 − 6/5) · √(4/5 · 3/4)", () => {
    const r = bleu([w("il gatto è sul tappeto")], [w("il gatto è sul divano rosso")], { maxN: 2 });
    close(r.precisions[0], 4 / 5);
    close(r.precisions[1], 3 / 4);
    close(r.brevityPenalty, Math.exp(1 - 6 / 5));
    close(r.bleu, Math.exp(-0.2) * Math.sqrt(0.6));
    assert.equal(r.candidateLength, 5);
    assert.equal(r.referenceLength, 6);
  });

  it("corpus BLEU pools n-gram counts over sentences before dividing (not a mean of sentence scores)", () => {
    const r = bleu([w("a b c"), w("x y")], [w("a b c"), w("x z")], { maxN: 2 });
    close(r.precisions[0], 4 / 5);
    close(r.precisions[1], 2 / 3);
    close(r.bleu, Math.sqrt(8 / 15));
    // the second sentence alone has no matching bigram: 0 without smoothing, (1/2 · 1/2)^(1/2) with add-one
    close(bleu([w("x y")], [w("x z")], { maxN: 2 }).bleu, 0);
    close(sentenceBleu(w("x y"), w("x z"), { maxN: 2 }).bleu, 0.5);
  });

  it("identical sentences score 1; an empty candidate scores 0; lengths must match", () => {
    close(bleu([w("io vedo il ragazzo francese .")], [w("io vedo il ragazzo francese .")]).bleu, 1);
    close(bleu([[]], [w("io vedo")]).bleu, 0);
    assert.throws(() => bleu([w("a")], []), /bleu: candidates and references must have the same length/);
    assert.throws(() => bleu([w("a")], [w("a")], { maxN: 0 }), /bleu: maxN must be a positive integer/);
  });

  it("BLEU-4 of a 3-word perfect match is 0 unsmoothed (no 4-gram) and 1 smoothed", () => {
    close(bleu([w("a b c")], [w("a b c")]).bleu, 0);
    close(sentenceBleu(w("a b c"), w("a b c")).bleu, 1);
  });
});
