import { strict as assert } from "assert";
import { batches, bucketByLength } from "./batches";
import { Rng } from "../tensor";

describe("batches", () => {
  const xs = Array.from({ length: 10 }, (_, i) => i);
  it("covers every example once, in batches of batchSize (last one smaller)", () => {
    const bs = batches(xs, 4, { rng: new Rng(1) });
    assert.deepEqual(bs.map((b) => b.length), [4, 4, 2]);
    assert.deepEqual(bs.flat().sort((a, b) => a - b), xs);
  });
  it("is seeded: same seed, same order; shuffle false keeps the order; dropLast drops the short batch", () => {
    assert.deepEqual(batches(xs, 3, { rng: new Rng(5) }), batches(xs, 3, { rng: new Rng(5) }));
    assert.notDeepEqual(batches(xs, 3, { rng: new Rng(5) }), batches(xs, 3, { rng: new Rng(6) }));
    assert.deepEqual(batches(xs, 4, { shuffle: false, dropLast: true }), [[0, 1, 2, 3], [4, 5, 6, 7]]);
  });
  it("rejects a bad batch size", () => {
    assert.throws(() => batches(xs, 0), /batches: batchSize must be a positive integer, got 0/);
  });
});

describe("bucketByLength", () => {
  it("puts examples of similar length together and covers all of them", () => {
    const rng = new Rng(3);
    const seqs = Array.from({ length: 200 }, () => Array.from({ length: 1 + rng.int(40) }, () => 0));
    const bs = bucketByLength(seqs, 20, (s) => s.length, { rng: new Rng(4) });
    assert.equal(bs.flat().length, 200);
    assert.equal(new Set(bs.flat()).size, 200);
    const spread = Math.max(...bs.map((b) => Math.max(...b.map((s) => s.length)) - Math.min(...b.map((s) => s.length))));
    assert.ok(spread <= 8, `largest length spread inside a batch is ${spread}`);
  });
});
