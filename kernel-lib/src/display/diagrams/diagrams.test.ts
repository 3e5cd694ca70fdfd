// Snapshot and rule tests of the cell and architecture diagrams.
import { strict as assert } from "assert";
import { encoderDecoderSvg, gruCellSvg, lstmCellSvg, relationSvg } from ".";
import { matchSnapshot } from "../snapshot.test";

const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;

/** Standalone, white background, no currentColor (an <img> on a dark theme would draw it black on black). */
function assertStandalone(svg: string): void {
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<rect x="0" y="0" width="\d+" height="\d+" fill="white"\/>/);
  assert.doesNotMatch(svg, /currentColor/);
}

describe("diagrams", () => {
  it("lstmCellSvg with the scalar example's values matches its snapshot and writes every value", () => {
    const svg = lstmCellSvg({ values: { x: 1, cPrev: 1, aPrev: 0, f: 0.006693, i: 0.9933, g: 0.964, o: 0.9933, c: 0.9643, a: 0.7446 }, caption: "step 1" });
    assertStandalone(svg);
    matchSnapshot("lstm-cell.svg", svg);
    for (const t of ["f = 0.006693", "i = 0.9933", "g = 0.964", "o = 0.9933", "cₜ₋₁ = 1", "cₜ = 0.9643", "aₜ = 0.7446", "xₜ = 1"]) assert.ok(svg.includes(t), t);
    assert.match(svg, /long-term memory: cell state c/);
    assert.match(svg, /short-term memory: hidden state a/);
  });
  it("lstmCellSvg without values draws the four gates and three products, and no value tags", () => {
    const svg = lstmCellSvg();
    assert.equal(count(svg, />σ</g), 3);
    assert.equal(count(svg, />tanh</g), 2);
    assert.equal(count(svg, />×</g), 3); // f ∗ c, i ∗ g, o ∗ tanh c
    assert.equal(count(svg, /fill="#fffbe6"/g), 0);
  });
  it("gruCellSvg matches its snapshot, draws 1 − u on the kept path and y_t = φ(a_t)", () => {
    const svg = gruCellSvg({ values: { x: 1, aPrev: 0.5, r: 0.9, u: 0.2, aTilde: 0.7, a: 0.54 } });
    assertStandalone(svg);
    matchSnapshot("gru-cell.svg", svg);
    assert.match(svg, />1−</);
    assert.match(svg, /yₜ = φ\(aₜ\)/);
    assert.doesNotMatch(gruCellSvg({ showOutput: false }), /φ/);
    assert.ok(svg.includes("u = 0.2") && svg.includes("ã = 0.7"));
  });
  it("gruCellSvg labels r ∗ a_{t−1} on its own wire, which hops over u's input wire", () => {
    // before, the label sat between that wire and u's input, and the two wires crossed with only a gap in one
    const svg = gruCellSvg();
    const wire = /<path d="(M343,160L400,160[^"]*)"/.exec(svg)?.[1] ?? "";
    assert.match(wire, /L463,287A7,7 0 0 1 477,287L584,287/, "a hop where the wire passes x = 470 (u's input)");
    const at = /<text x="([\d.]+)" y="([\d.]+)"[^>]*>r ∗ aₜ₋₁</.exec(svg);
    assert.ok(at && Number(at[1]) > 477 && Number(at[1]) < 584 && Math.abs(Number(at[2]) - 4 - 278) < 2, `label at ${at?.slice(1)}`);
    assert.doesNotMatch(svg, /stroke="white" stroke-width="7"/);
  });
  it("lstmCellSvg keeps the long-term label inside the cell's panel (x 70 … 640)", () => {
    const svg = lstmCellSvg();
    const m = /<text x="([\d.]+)"[^>]*>(long-term memory[^<]*)</.exec(svg);
    const half = (m?.[2].length ?? 0) * 6.6 / 2; // 12 px DejaVu Sans: about 6.6 px a character
    assert.ok(m && Number(m[1]) - half > 70 && Number(m[1]) + half < 640, `label spans ${Number(m?.[1]) - half} … ${Number(m?.[1]) + half}`);
  });
  it("encoderDecoderSvg gives the decoder its own weights and reads targets under teacher forcing", () => {
    const svg = encoderDecoderSvg({ Tx: 4, Ty: 3, decoderInputs: "teacher" });
    assertStandalone(svg);
    matchSnapshot("encoder-decoder.svg", svg);
    assert.equal(count(svg, />W_aa</g), 4);
    assert.equal(count(svg, />W′_aa</g), 2);
    assert.match(svg, /decoder \(own\): W′_aa/);
    assert.match(svg, />⟨bos⟩</);
    assert.match(svg, />y₂</);
    assert.equal(count(svg, /stroke-dasharray/g), 0);
    const own = encoderDecoderSvg({ Tx: 2, Ty: 3, decoderInputs: "own" });
    assert.equal(count(own, /stroke-dasharray="5 3"/g), 2);
    assert.equal(count(encoderDecoderSvg({ decoderInputs: "none" }), />W′_ax</g), 0);
  });
  it("relationSvg draws the five relations; only encoder–decoder has a second weight set", () => {
    const kinds = ["one-to-one", "one-to-many", "many-to-one", "many-to-many", "encoder-decoder"] as const;
    const svgs = kinds.map((k) => relationSvg(k));
    svgs.forEach((s) => assert.match(s, /^<svg /));
    assert.deepEqual(svgs.map((s) => s.includes("W′_aa")), [false, false, false, false, true]);
    assert.equal(count(svgs[2], />ŷ/g), 1);
    // the titles write both lengths one way, as the drawings write W′_aa (not "Tₓ = T_y", half Unicode subscript)
    assert.match(svgs[3], /aligned \(T_x = T_y\)/);
    assert.match(svgs[4], /T_x ≠ T_y: encoder–decoder/);
    for (const s of svgs) assert.doesNotMatch(s, /ₓ/);
  });
  it("is deterministic and rejects bad arguments, naming the function", () => {
    assert.equal(lstmCellSvg({ values: { f: 0.5 } }), lstmCellSvg({ values: { f: 0.5 } }));
    assert.throws(() => encoderDecoderSvg({ Tx: 0 }), /encoderDecoderSvg: Tx must be a positive integer ≤ 6, got 0/);
    assert.throws(() => encoderDecoderSvg({ decoderInputs: "x" as never }), /encoderDecoderSvg: decoderInputs must be/);
    assert.throws(() => lstmCellSvg({ values: { f: NaN } }), /lstmCellSvg: opts.values.f must be a finite number, got NaN/);
    assert.throws(() => relationSvg("two-to-two" as never), /relationSvg: kind must be one of/);
  });
});
