// Snapshot and rule tests of the unrolled-RNN drawing.
import { strict as assert } from "assert";
import { unrolledGraphSvg } from "./unrolled-graph";
import { matchSnapshot } from "./snapshot.test";

/** How many times `re` matches in `s`. */
function count(s: string, re: RegExp): number {
  return (s.match(re) ?? []).length;
}

describe("unrolledGraphSvg", () => {
  it("unrolledGraphSvg({T: 3, showBackward: true}) matches its snapshot and is standalone SVG", () => {
    const svg = unrolledGraphSvg({ T: 3, showBackward: true, title: "BPTT" });
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    matchSnapshot("unrolled-graph.svg", svg);
  });
  it("draws one x, a, ŷ, L node per step plus a₀, and 3 forward + 3 backward edges per step", () => {
    const svg = unrolledGraphSvg({ T: 4, showBackward: true });
    assert.equal(count(svg, /<circle /g), 1 + 4 * 4);
    assert.equal(count(svg, /stroke-dasharray="5 3" marker-end/g), 3 * 4);
    assert.equal(count(svg, /marker-end="url\(#rl-fwd\)"/g), 4 * 4); // W_aa, W_ax, W_ya, ŷ→L
    assert.match(svg, /∂L\/∂a₃/);
  });
  it("without showBackward there are no gradient edges", () => {
    const svg = unrolledGraphSvg({ T: 2 });
    assert.equal(count(svg, /url\(#rl-bwd\)/g), 0);
    assert.doesNotMatch(svg, /∂L/);
  });
  it("inputs/outputs masks draw many-to-one and one-to-many (subscripts ≥ 10 too)", () => {
    const m2o = unrolledGraphSvg({ T: 3, outputs: [0, 0, 1] });
    assert.equal(count(m2o, />ŷ/g), 1);
    assert.equal(count(m2o, />x/g), 3);
    const o2m = unrolledGraphSvg({ T: 11, inputs: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], showLoss: false });
    assert.equal(count(o2m, />x/g), 1);
    assert.equal(count(o2m, />L/g), 0);
    assert.match(o2m, /ŷ₁₁/);
  });
  it("is byte-identical across calls", () => {
    assert.equal(unrolledGraphSvg({ T: 5, showBackward: true }), unrolledGraphSvg({ T: 5, showBackward: true }));
  });
  it("rejects a bad T and a mask of the wrong length, naming the function", () => {
    assert.throws(() => unrolledGraphSvg({ T: 0 }), /unrolledGraphSvg: T must be an integer in 1 … 12, got 0/);
    assert.throws(() => unrolledGraphSvg({ T: 3, inputs: [1, 1] }), /unrolledGraphSvg: inputs must have length T = 3, got 2/);
  });
});
