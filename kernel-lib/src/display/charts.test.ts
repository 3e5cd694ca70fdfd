// Seeded snapshot tests of the static figure builders (lineChart, heatmap, barChart) and their SVG invariants.
import { strict as assert } from "assert";
import { Rng, tensor } from "../tensor";
import { barChart } from "./bar-chart";
import { heatmap } from "./heatmap";
import { intervalPlot } from "./interval-plot";
import { lineChart, logTicks, powerOfTen } from "./line-chart";
import { MODEL_COLORS } from "./palette";
import { loadPlot, serializeSvg, setChartTheme, svgDocument } from "./render";
import { matchSnapshot } from "./snapshot.test";

/** Seeded loss curves: `n` epochs for each named model. */
function lossCurves(seed: number, names: string[], n = 15) {
  const rng = new Rng(seed);
  return names.map((name, k) => {
    const x = Array.from({ length: n }, (_, i) => i + 1);
    return { name, x, y: x.map((t) => 2.3 * Math.exp(-t / (4 + 3 * k)) + 0.05 * rng.uniform()) };
  });
}

describe("static charts", () => {
  it("lineChart(series) matches its snapshot, has xmlns, title and one legend entry per series", () => {
    const svg = lineChart(lossCurves(1, ["RNN", "LSTM", "GRU"]), { title: "Training loss", xLabel: "epoch", yLabel: "loss" });
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /aria-label="title"[^>]*>Training loss</);
    for (const n of ["RNN", "LSTM", "GRU"]) assert.match(svg, new RegExp(`text-anchor="start">${n}<`));
    assert.doesNotMatch(svg, /<figure/);
    matchSnapshot("line-chart.svg", svg);
  });

  it("lineChart(rows, {logY}) with a zero value matches its snapshot", () => {
    const rows = [0, 1, 2, 3, 4].flatMap((t) => [{ x: t, y: Math.pow(0.5, t), series: "tanh" }, { x: t, y: t === 2 ? 0 : Math.pow(0.9, t), series: "relu" }]);
    const svg = lineChart(rows, { xLabel: "t", yLabel: "‖∂L/∂a_t‖", logY: true });
    matchSnapshot("line-chart-log.svg", svg);
  });

  it("lineChart is byte-identical across calls (no leaking ids or counters)", () => {
    const data = lossCurves(2, ["a", "b"]);
    const opts = { xLabel: "x", yLabel: "y", title: "t" };
    assert.equal(lineChart(data, opts), lineChart(data, opts));
  });

  it("lineChart rejects a series whose x and y lengths differ, naming it", () => {
    assert.throws(() => lineChart([{ name: "bad", x: [1, 2], y: [1] }], { xLabel: "x", yLabel: "y" }), /series "bad" has x of length 2 but y of length 1/);
  });

  it("heatmap(Tensor) matches its snapshot and equals heatmap(nested arrays)", () => {
    const rng = new Rng(3);
    const m = Array.from({ length: 6 }, (_, e) => Array.from({ length: 20 }, (_, t) => Math.exp(-(20 - t) / (2 + e)) + 0.01 * rng.uniform()));
    const opts = { xLabel: "time step t", yLabel: "epoch", title: "‖∂L/∂a_t‖", log: true, rowLabels: [1, 2, 3, 4, 5, 6] };
    const svg = heatmap(tensor(m), opts);
    assert.equal(svg, heatmap(m, opts));
    assert.match(svg, /aria-label="color bar"/);
    matchSnapshot("heatmap.svg", svg);
  });

  it("heatmap labels every row and column up to 30, fits the widest label, and a fixed domain gives bar labels 0 and 1", () => {
    // an alignment of 14 source words: before, only every other word was labelled and the bar read "4.99e-1" (clipped)
    const src = "remember to let her into your heart , then you can start to make".split(" ");
    const out = ["ricorda", "di", "lasciarla", "entrare", "nel", "tuo", "cuore", "settimana"];
    const m = out.map((_, i) => src.map((_, j) => (i === j ? 1 - 5e-16 : 5e-16 / 13)));
    const svg = heatmap(m, { xLabel: "English", yLabel: "Italian", colLabels: src, rowLabels: out, domain: [0, 1] });
    const ticks = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]);
    for (const w of [...src.slice(0, 3), "heart", "make", ...out]) assert.ok(ticks.includes(w), `label ${w}`);
    assert.equal(ticks.filter((t) => t === "to").length, 2);
    assert.match(svg, /aria-label="color bar">.*>1<\/text><text[^>]*>0<\/text><\/g>/);
    // the y-axis title may not overlap the widest row label ("settimana", 9 letters): the margin grows with it
    const tickEnd = Number(/aria-label="y-axis tick label"><text transform="translate\(([\d.]+),/.exec(svg)?.[1]);
    const title = /translate\((-?[\d.]+),[\d.]+\)" aria-label="y-axis label"><text transform="translate\(([\d.]+),/.exec(svg);
    const titleRight = Number(title?.[1]) + Number(title?.[2]) + 12; // the rotated title is one 10 px line wide
    assert.ok(tickEnd - 9 - 9 * 6 > titleRight, `row labels end at ${tickEnd}, the title reaches ${titleRight}`);
    const auto = heatmap([[0, 5e-16], [1, 2]], { xLabel: "x", yLabel: "y" });
    assert.match(auto, />2<\/text><text[^>]*>0<\/text><\/g>/);
    assert.throws(() => heatmap(m, { xLabel: "x", yLabel: "y", domain: [1, 0] }), /heatmap: opts.domain must be \[lo, hi\] with finite lo < hi/);
  });

  it("heatmap rejects ragged rows and non-matrix tensors", () => {
    assert.throws(() => heatmap([[1, 2], [3]], { xLabel: "x", yLabel: "y" }), /row 1 has length 1, expected 2/);
    assert.throws(() => heatmap(tensor([1, 2, 3]), { xLabel: "x", yLabel: "y" }), /must be \[rows, cols\], got \[3\]/);
  });

  it("barChart with groups and error bars matches its snapshot; without groups has no legend", () => {
    const rows = ["RNN", "LSTM", "GRU"].flatMap((label, i) => [
      { label, group: "train", value: 0.6 + 0.1 * i, error: 0.02 },
      { label, group: "test", value: 0.55 + 0.1 * i, error: 0.03 },
    ]);
    const svg = barChart(rows, { yLabel: "accuracy", title: "Accuracy (mean ± sd over 3 seeds)" });
    matchSnapshot("bar-chart.svg", svg);
    assert.match(svg, /aria-label="legend"/);
    const plain = barChart([{ label: "RNN", value: 10 }, { label: "LSTM", value: 40 }], { yLabel: "parameters" });
    assert.doesNotMatch(plain, /aria-label="legend"/);
    matchSnapshot("bar-chart-plain.svg", plain);
  });

  it("barChart writes every bar's value above it, so a zero bar is still seen (valueLabels: false turns it off)", () => {
    const svg = barChart([{ label: "before", value: 0 }, { label: "after", value: 13.7 }], { yLabel: "units" });
    assert.match(svg, /<text[^>]*>0<\/text>/);
    assert.match(svg, /<text[^>]*>13.7<\/text>/);
    const bare = barChart([{ label: "before", value: 0 }, { label: "after", value: 13.7 }], { yLabel: "units", valueLabels: false });
    assert.doesNotMatch(bare, /<text[^>]*>13.7<\/text>/);
  });

  it("charts paint their own background and never use currentColor (it is black inside <img> on dark themes)", () => {
    const light = lineChart([{ name: "a", x: [0, 1], y: [1, 2] }], { xLabel: "t", yLabel: "v", title: "T" });
    const dark = lineChart([{ name: "a", x: [0, 1], y: [1, 2] }], { xLabel: "t", yLabel: "v", title: "T", theme: "dark" });
    for (const [svg, bg, ink] of [[light, "#ffffff", "#222222"], [dark, "#1e1e1e", "#e0e0e0"]]) {
      assert.doesNotMatch(svg, /currentColor/);
      assert.match(svg, new RegExp(`^<svg[^>]*><rect aria-label="background" width="100%" height="100%" fill="${bg}"/>`));
      assert.match(svg, new RegExp(`fill="${ink}"`));
    }
    setChartTheme("dark");
    try {
      assert.equal(lineChart([{ name: "a", x: [0, 1], y: [1, 2] }], { xLabel: "t", yLabel: "v", title: "T" }), dark);
    } finally {
      setChartTheme("light");
    }
    assert.throws(() => setChartTheme("solarized" as never), /setChartTheme: theme must be one of "light", "dark", got "solarized"/);
  });

  it("intervalPlot draws its mean ticks and reference rule in the theme's ink, never currentColor", () => {
    const rows = [{ label: "A", values: [0.5, 0.6], mean: 0.55, lo: 0.5, hi: 0.6 }, { label: "B", values: [0.7, 0.8], mean: 0.75, lo: 0.7, hi: 0.8 }];
    for (const [theme, bg, ink] of [["light", "#ffffff", "#222222"], ["dark", "#1e1e1e", "#e0e0e0"]] as const) {
      const svg = intervalPlot(rows, { yLabel: "accuracy", reference: 0.5, theme });
      assert.doesNotMatch(svg, /currentColor/);
      assert.match(svg, new RegExp(`^<svg[^>]*><rect aria-label="background" width="100%" height="100%" fill="${bg}"/>`));
      assert.match(svg, new RegExp(`<g [^>]*stroke-dasharray="4,3"[^>]* stroke="${ink}" aria-label="rule">`), `${theme}: the reference rule`);
      assert.match(svg, new RegExp(`<g [^>]*stroke-width="2" stroke="${ink}" aria-label="tick">`), `${theme}: the mean ticks`);
    }
    assert.throws(() => intervalPlot(rows, { yLabel: "y", theme: "sepia" as never }), /intervalPlot: opts.theme must be one of .*light.*dark.*got "sepia"/);
  });

  it("intervalPlot and lineChart draw each model in its course colour, whatever the order of the labels", () => {
    // 06 drew the LSTM red and the GRU teal, 07 blue and orange: the colour followed the label's position
    const iv = (label: string, panel: string) => ({ label, panel, values: [0.5, 0.6], mean: 0.55, lo: 0.5, hi: 0.6 });
    const fill = (svg: string, label: string) => new RegExp(`<rect x="[\\d.]+" y="[\\d.]+" width="10" height="10" fill="([^"]+)" /><text[^>]*>${label}<`).exec(svg)?.[1];
    const sixth = intervalPlot(["bag of words", "vanilla RNN", "LSTM", "GRU"].map((m) => iv(m, "a")), { yLabel: "accuracy" });
    const seventh = intervalPlot(["LSTM", "GRU"].map((m) => iv(m, "a")), { yLabel: "BLEU" });
    for (const svg of [sixth, seventh]) {
      assert.equal(fill(svg, "LSTM"), MODEL_COLORS.lstm);
      assert.equal(fill(svg, "GRU"), MODEL_COLORS.gru);
      // the dots and bars too, not only the legend
      for (const c of [MODEL_COLORS.lstm, MODEL_COLORS.gru]) assert.match(svg, new RegExp(`stroke="${c}"`));
    }
    const line = lineChart([{ name: "GRU", x: [1, 2], y: [1, 2] }, { name: "LSTM", x: [1, 2], y: [2, 1] }], { xLabel: "t", yLabel: "v" });
    assert.match(line, new RegExp(`<path d="M56,290L620,50" stroke="${MODEL_COLORS.gru}"`));
    assert.match(line, new RegExp(`<path d="M56,50L620,290" stroke="${MODEL_COLORS.lstm}"`));
    // an explicit style still wins
    const styled = lineChart([{ name: "GRU", x: [1, 2], y: [1, 2] }], { xLabel: "t", yLabel: "v", styles: [{ color: "#888888", dash: "6 4" }] });
    assert.doesNotMatch(styled, new RegExp(MODEL_COLORS.gru));
  });

  it("intervalPlot(logY) spans whole decades, shows MSEs of 3e-4 beside 1, and draws an interval reaching below 0 to the bottom edge", () => {
    // 08 §3: on a linear axis every gated cell's dot sat on 0 beside the vanilla RNN's 1
    const rows = [
      { label: "vanilla RNN", values: [0.97, 0.98, 0.99], mean: 0.98, lo: 0.96, hi: 0.995 },
      { label: "GRU", values: [3e-4, 6e-4, 9e-4], mean: 6e-4, lo: -1e-4, hi: 1.3e-3 },
    ];
    const svg = intervalPlot(rows, { yLabel: "test MSE / baseline", reference: 1, logY: true });
    const ticks = [...svg.matchAll(/<text transform="translate\(56,([\d.]+)\)" y="0.32em">([^<]*)</g)];
    assert.deepEqual(ticks.map((t) => t[2]), ["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"]);
    const yOf = (label: string) => Number(ticks.find((t) => t[2] === label)?.[1]);
    // the GRU's dots sit between the 10⁻⁴ and 10⁻³ ticks, far from the RNN's near 10⁰
    const attr = (tag: string, name: string) => Number(new RegExp(` ${name}="([\\d.]+)"`).exec(tag)?.[1]);
    const gruDots = [...svg.matchAll(new RegExp(`<circle stroke="${MODEL_COLORS.gru}"[^>]*>`, "g"))].map((m) => attr(m[0], "cy"));
    assert.equal(gruDots.length, 3);
    for (const cy of gruDots) assert.ok(cy > yOf("10⁻³") && cy < yOf("10⁻⁴"), `a GRU dot at y = ${cy}`);
    // the GRU's bar (lo < 0) ends at the bottom of the frame, the 10⁻⁴ tick
    const bar = new RegExp(`<line stroke="${MODEL_COLORS.gru}"[^>]*>`).exec(svg)?.[0] ?? "";
    assert.ok(Math.abs(Math.max(attr(bar, "y1"), attr(bar, "y2")) - yOf("10⁻⁴")) < 0.5, bar);
    assert.throws(() => intervalPlot(rows, { yLabel: "y", reference: 0, logY: true }), /intervalPlot: opts.reference must be a finite number > 0, got 0/);
  });

  it("serializeSvg renames Plot's ids in order and rewrites their references", () => {
    const fake = { outerHTML: '<svg><clipPath id="plot-clip-7"></clipPath><g clip-path="url(#plot-clip-7)"></g><use href="#plot-clip-7"/></svg>' };
    const bg = '<rect aria-label="background" width="100%" height="100%" fill="#ffffff"/>';
    assert.equal(serializeSvg(fake), `<svg xmlns="http://www.w3.org/2000/svg">${bg}<clipPath id="rl-0"></clipPath><g clip-path="url(#rl-0)"></g><use href="#rl-0"/></svg>`);
    assert.throws(() => serializeSvg({ outerHTML: "<figure></figure>", tagName: "FIGURE" }), /expected an <svg> element, got <figure>/);
    assert.ok(loadPlot() && svgDocument());
  });
});

describe("log axes", () => {
  it("logTicks gives powers of ten over the data's decades, thinned to about 8 over wide ranges", () => {
    assert.deepEqual(logTicks([0.02, 3, 40]), [0.01, 0.1, 1, 10, 100]);
    const wide = logTicks([1e-24, 1]);
    assert.ok(wide.length <= 9 && Math.abs(wide[0] / 1e-24 - 1) < 1e-12 && wide.every((t, i) => i === 0 || t > wide[i - 1]));
  });
  it("powerOfTen writes 10⁻⁸ instead of SI prefixes, and plain numbers near 1", () => {
    assert.equal(powerOfTen(1e-8), "10⁻⁸");
    assert.equal(powerOfTen(1e12), "10¹²");
    assert.equal(powerOfTen(0.001), "0.001");
    assert.equal(powerOfTen(100), "100");
    assert.equal(powerOfTen(100, true), "10²");
  });
  it("lineChart(logY) puts every y tick inside the frame, below the legend, and writes the axis one way", () => {
    // notebooks 03 §5 and 04 §5: the tick above the data (10⁴, 1) was drawn in the top margin, under the legend
    const svg = lineChart([{ name: "a", x: [1, 2, 3], y: [0.15, 0.05, 0.01] }, { name: "b", x: [1, 2, 3], y: [0.17, 0.1, 0.03] }],
      { title: "t", xLabel: "epoch", yLabel: "MSE", logY: true });
    const ticks = [...svg.matchAll(/<text transform="translate\(56,([\d.]+)\)" y="0.32em">([^<]*)</g)];
    assert.deepEqual(ticks.map((t) => t[2]), ["0.01", "0.1", "1"]);
    const yLabel = Number(/aria-label="y-axis label" x="4" y="([\d.]+)"/.exec(svg)?.[1]);
    for (const t of ticks) assert.ok(Number(t[1]) - 6 > yLabel, `tick ${t[2]} at y = ${t[1]} reaches the header (y-axis label at ${yLabel})`);
    const wide = lineChart([{ name: "g", x: [1, 2], y: [1e-4, 300] }], { xLabel: "t", yLabel: "y", logY: true });
    const labels = [...wide.matchAll(/y="0.32em">([^<]*)</g)].map((t) => t[1]);
    assert.deepEqual(labels, ["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²", "10³"]);
  });
});
