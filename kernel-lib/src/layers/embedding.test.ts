import { strict as assert } from "node:assert";
import { Rng, tensor } from "../tensor";
import { Embedding } from "./embedding";

describe("Embedding", () => {
  it("looks up rows of the table: ids [T, B] → [T, B, E]", () => {
    const emb = new Embedding({ numEmbeddings: 4, dim: 2, rng: new Rng(1) });
    emb.params.weight.data.set([0, 0, 1, 2, 3, 4, 5, 6]);
    const out = emb.forward([[1, 3], [3, 0]]);
    assert.deepEqual(out.shape, [2, 2, 2]);
    assert.deepEqual(out.toArray(), [[[1, 2], [5, 6]], [[5, 6], [0, 0]]]);
  });

  it("backward scatter-adds repeated ids and skips the padding row", () => {
    const emb = new Embedding({ numEmbeddings: 4, dim: 2, paddingIdx: 0, rng: new Rng(1) });
    assert.deepEqual(Array.from(emb.params.weight.data.slice(0, 2)), [0, 0]);
    emb.forward(tensor([[1, 3], [3, 0]]));
    emb.backward(tensor([[[1, 1], [2, 2]], [[10, 20], [7, 7]]]));
    assert.deepEqual(emb.grads.weight.toArray(), [[0, 0], [1, 1], [0, 0], [12, 22]]);
    emb.zeroGrad();
    assert.ok(emb.grads.weight.data.every((g) => g === 0));
  });

  it("rejects out-of-range ids, a bad paddingIdx and a mis-shaped gradient", () => {
    const emb = new Embedding({ numEmbeddings: 4, dim: 2, rng: new Rng(1) });
    assert.throws(() => emb.forward([[1, 4]]), /Embedding.forward: id 4 at flat position 1 of ids \[1, 2\] is out of range \[0, 4\)/);
    assert.throws(() => new Embedding({ numEmbeddings: 4, dim: 2, paddingIdx: 4 }), /paddingIdx must be an integer in \[0, 4\)/);
    emb.forward([[1, 2]]);
    assert.throws(() => emb.backward(tensor([1, 2])), /Embedding.backward: dOut must be \[1, 2, 2\], got \[2\]/);
  });
});
