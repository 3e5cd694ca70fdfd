import { strict as assert } from "assert";
import { BOS_ID, EOS_ID, PAD_ID, UNK_ID, Vocab } from "./vocab";

describe("Vocab", () => {
  const v = Vocab.build([["good", "not", "good"], ["bad", "good"], ["rare"]], { minCount: 1 });
  it("reserves <pad>=0 <unk>=1 <bos>=2 <eos>=3 and sorts the rest by count then alphabetically", () => {
    assert.deepEqual([PAD_ID, UNK_ID, BOS_ID, EOS_ID], [0, 1, 2, 3]);
    assert.deepEqual(v.itos, ["<pad>", "<unk>", "<bos>", "<eos>", "good", "bad", "not", "rare"]);
    assert.equal(v.size, 8);
  });
  it("maps unknown tokens to <unk> and frames with <bos>/<eos>", () => {
    assert.deepEqual(v.encode(["not", "great"], { bos: true, eos: true }), [2, 6, 1, 3]);
  });
  it("decode stops at <eos> and drops <pad>/<bos> unless asked to keep them", () => {
    assert.deepEqual(v.decode([2, 4, 5, 3, 7, 0]), ["good", "bad"]);
    assert.deepEqual(v.decode([2, 4, 3, 0], { keepSpecials: true }), ["<bos>", "good", "<eos>", "<pad>"]);
  });
  it("minCount and maxSize drop rare tokens", () => {
    const w = Vocab.build([["good", "not", "good"], ["bad", "good", "not"]], { minCount: 2 });
    assert.deepEqual(w.itos.slice(4), ["good", "not"]);
    assert.equal(Vocab.build([["a", "b", "c"]], { maxSize: 5 }).size, 5);
  });
  it("throws on an id out of range", () => {
    assert.throws(() => v.token(99), /Vocab.token: id 99 is outside \[0, 8\)/);
  });
});
