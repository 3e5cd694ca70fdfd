// Tests of the slider figures: one visible frame at a time, a shared y range, and a static stand-in.
import { strict as assert } from "assert";
import { sliderFigure, sliderFigureSvg } from "./slider-figure";
import type { SliderFrame } from "./slider-figure";

const frames: SliderFrame[] = [0.5, 1, 2].map((rho) => ({
  label: `ρ = ${rho}`,
  series: [{ name: "norm", x: [1, 2, 3], y: [rho ** 2, rho, 1] }, { name: "bound", x: [1, 2, 3], y: [rho ** 3, rho ** 2, 1] }],
}));

describe("sliderFigure", () => {
  it("sliderFigure makes a trace per frame and series, shows the active frame, and each slider step shows exactly its frame", () => {
    const { spec } = sliderFigure({ frames, parameter: "ρ", xLabel: "t", yLabel: "‖g‖", logY: true, active: 1 });
    assert.equal(spec.data.length, 6);
    assert.deepEqual(spec.data.map((d) => d.visible), [false, false, true, true, false, false]);
    const steps = (spec.layout.sliders as { steps: { label: string; args: { visible: boolean[] }[] }[] }[])[0].steps;
    assert.deepEqual(steps.map((s) => s.label), ["ρ = 0.5", "ρ = 1", "ρ = 2"]);
    assert.deepEqual(steps[2].args[0].visible, [false, false, false, false, true, true]);
    const range = (spec.layout.yaxis as { range: number[] }).range;
    assert.ok(range[0] < Math.log10(0.125) && range[1] > Math.log10(4), `shared log range ${range}`);
    assert.equal(spec.layout.paper_bgcolor, "#ffffff");
  });
  it("sliderFigure draws the series named in dashed with a dashed line", () => {
    const { spec } = sliderFigure({ frames, parameter: "ρ", xLabel: "t", yLabel: "y", dashed: ["bound"] });
    assert.deepEqual(spec.data.map((d) => (d.line as { dash?: string }).dash ?? "solid"), ["solid", "dash", "solid", "dash", "solid", "dash"]);
  });
  it("sliderFigureSvg draws the first, active and last frames on one static chart", () => {
    const svg = sliderFigureSvg({ frames, parameter: "ρ", xLabel: "t", yLabel: "y" });
    assert.match(svg, /^<svg/);
    for (const l of ["norm (ρ = 0.5)", "norm (ρ = 1)", "bound (ρ = 2)"]) assert.ok(svg.includes(l), l);
  });
  it("sliderFigureSvg draws a curve that is the same in every chosen frame once, under its own name", () => {
    // notebook 02 §7: "full BPTT" is one curve in every frame; drawn per frame, "full BPTT (k = 2)" hid under "(k = 4)"
    const withRef: SliderFrame[] = frames.map((f) => ({ ...f, series: [{ name: "reference", x: [1, 2, 3], y: [3, 2, 1] }, f.series[0]] }));
    const svg = sliderFigureSvg({ frames: withRef, parameter: "ρ", xLabel: "t", yLabel: "y", staticFrames: [0, 2] });
    const legendG = /aria-label="legend".*?<\/g>/.exec(svg)?.[0] ?? "";
    const legend = [...legendG.matchAll(/<text[^>]*>([^<]*)</g)].map((m) => m[1]);
    assert.deepEqual(legend, ["reference", "norm (ρ = 0.5)", "norm (ρ = 2)"]);
    const curves = [...svg.matchAll(/<path[^>]* d="(M[^"]*)"/g)].filter((m) => !m[1].startsWith("M0,0"));
    assert.equal(curves.length, 3, "three lines, not four");
  });
  it("sliderFigureSvg gives a curve one colour in every frame and each frame its own dash", () => {
    // notebook 03 §3: three activations × two radii were six unrelated colours
    const svg = sliderFigureSvg({ frames, parameter: "ρ", xLabel: "t", yLabel: "y", staticFrames: [0, 2] });
    const legendG = /aria-label="legend".*?<\/g>/.exec(svg)?.[0] ?? "";
    const swatches = [...legendG.matchAll(/<(?:rect|line)[^>]*\/>/g)].map(([el]) =>
      `${/(?:fill|stroke)="(#[0-9a-f]+)"/.exec(el)?.[1]} ${/stroke-dasharray="([^"]*)"/.exec(el)?.[1].replace("none", "solid") ?? "solid"}`);
    assert.deepEqual(swatches, ["#4e79a7 solid", "#f28e2c solid", "#4e79a7 6 4", "#f28e2c 6 4"]);
  });
  it("rejects frames whose series differ, naming the frame", () => {
    const bad = [frames[0], { label: "x", series: [frames[0].series[0]] }];
    assert.throws(() => sliderFigure({ frames: bad, parameter: "p", xLabel: "t", yLabel: "y" }), /sliderFigure: frame 1 \("x"\) has series \[norm\], expected \[norm, bound\]/);
    assert.throws(() => sliderFigure({ frames: [frames[0]], parameter: "p", xLabel: "t", yLabel: "y" }), /sliderFigure: opts.frames must be an array of at least 2 frames .*, got an array of length 1/);
  });
});
