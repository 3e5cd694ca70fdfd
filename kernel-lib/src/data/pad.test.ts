import { strict as assert } from "assert";
import { padSequences } from "./pad";
import { oneHot } from "./one-hot";
import { tensor } from "../tensor";

describe("padSequences", () => {
  it("builds time-major ids [T, B] with a mask (1 = real token) and the lengths", () => {
    const { ids, mask, lengths } = padSequences([[5, 6, 7], [8], []]);
    assert.deepEqual(ids.shape, [3, 3]);
    assert.deepEqual(ids.toArray(), [[5, 8, 0], [6, 0, 0], [7, 0, 0]]);
    assert.deepEqual(mask.toArray(), [[1, 1, 0], [1, 0, 0], [1, 0, 0]]);
    assert.deepEqual(lengths, [3, 1, 0]);
  });
  it("cuts to maxLen at the end (post) or the start (pre), and pads before with padding: pre", () => {
    assert.deepEqual(padSequences([[1, 2, 3, 4]], { maxLen: 2 }).ids.toArray(), [[1], [2]]);
    assert.deepEqual(padSequences([[1, 2, 3, 4]], { maxLen: 2, truncating: "pre" }).ids.toArray(), [[3], [4]]);
    const pre = padSequences([[9], [1, 2]], { padding: "pre", padId: 7 });
    assert.deepEqual(pre.ids.toArray(), [[7, 1], [9, 2]]);
    assert.deepEqual(pre.mask.toArray(), [[0, 1], [1, 1]]);
  });
});

describe("oneHot", () => {
  it("turns ids [T, B] into [T, B, V]", () => {
    const o = oneHot(tensor([[1, 2]]), 3);
    assert.deepEqual(o.shape, [1, 2, 3]);
    assert.deepEqual(o.toArray(), [[[0, 1, 0], [0, 0, 1]]]);
  });
  it("throws on an id outside [0, V)", () => {
    assert.throws(() => oneHot([0, 3], 3), /oneHot: ids must be integers in \[0, 3\), got 3 at flat index 1/);
  });
});
