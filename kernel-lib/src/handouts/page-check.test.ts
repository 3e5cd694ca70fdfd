// Tests of the printed-page checks on synthetic pages and charts.
import { strict as assert } from "assert";
import type { NotebookJson } from "../jupyter";
import { findPageEdgeCuts, readPgm, stretchedAxes, tickValue, yTicks } from "./page-check";
import type { GrayImage } from "./page-check";

/** A white page with black rectangles [x0, y0, x1, y1) drawn on it. */
function page(rects: [number, number, number, number][], w = 100, h = 140): GrayImage {
  const pixels = new Uint8Array(w * h).fill(255);
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) pixels[y * w + x] = 0;
  return { width: w, height: h, pixels };
}
const area = { top: 10, bottom: 130 };
/** Text-like lines: short dark runs with white rows between them, ending `gap` rows above the print area's bottom. */
const textLines = (from: number, to: number, xs: number[]) => Array.from({ length: Math.floor((to - from) / 6) }, (_, k) =>
  xs.map((x) => [x, from + 6 * k, x + 3, from + 6 * k + 4] as [number, number, number, number])).flat();

describe("printed-page checks (page-check.ts)", () => {
  it("findPageEdgeCuts flags a figure that runs off the bottom of a page and on at the top of the next", () => {
    const chart = page([[20, 90, 22, 130], [20, 128, 80, 130]]);          // a y axis and a bar reaching the bottom edge
    const rest = page([[20, 10, 22, 40], [40, 10, 60, 30]]);               // ... continuing at the top of the next page
    assert.deepEqual(findPageEdgeCuts([chart, rest], area).map((c) => c.page), [1]);
  });
  it("findPageEdgeCuts passes pages that end with text lines or a white gap, and unrelated content at the next top", () => {
    const text = page(textLines(10, 128, [10, 30, 50]));
    const nextText = page(textLines(10, 60, [12, 34, 70]));
    assert.deepEqual(findPageEdgeCuts([text, nextText], area), []);
    const gap = page([[20, 90, 22, 120]]);
    assert.deepEqual(findPageEdgeCuts([gap, page([[20, 10, 22, 40]])], area), []);
  });
  it("readPgm reads pdftoppm's binary grey maps and rejects other formats", () => {
    const img = readPgm(Buffer.concat([Buffer.from("P5\n3 2\n255\n"), Buffer.from([0, 255, 10, 20, 30, 40])]));
    assert.deepEqual([img.width, img.height, [...img.pixels]], [3, 2, [0, 255, 10, 20, 30, 40]]);
    assert.throws(() => readPgm(Buffer.from("P6\n1 1\n255\nabc")), /readPgm: expected a binary P5 image/);
  });
  it("tickValue reads plain, exponent and superscript tick labels", () => {
    assert.deepEqual(["0.01", "1e+231", "10⁻⁴", "10²³", "−2", "1,000", "t"].map(tickValue), [0.01, 1e231, 1e-4, 1e23, -2, 1000, NaN]);
  });
  it("stretchedAxes reports a chart whose y axis reaches above 10⁶ and spans more than 12 decades, naming the cell", () => {
    const chart = (labels: string[]) => `<svg><g transform="translate(1,0)" aria-label="y-axis tick label">${labels.map((l) => `<text y="0">${l}</text>`).join("")}</g></svg>`;
    const img = (svg: string) => `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}">`;
    const nb: NotebookJson = {
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [
        { cell_type: "code", metadata: {}, source: "", outputs: [{ output_type: "display_data", metadata: {}, data: { "text/html": img(chart(["0.01", "1", "100"])) } }] },
        { cell_type: "code", metadata: {}, source: "", outputs: [{ output_type: "display_data", metadata: {}, data: { "text/html": img(chart(["1e+0", "1e+100", "1e+231"])) } }] },
        { cell_type: "code", metadata: {}, source: "", outputs: [{ output_type: "display_data", metadata: {}, data: { "text/html": img(chart(["10⁻⁴⁰", "10⁻²⁰", "1"])) } }] },
      ],
    };
    assert.deepEqual(yTicks(chart(["1", "10"])), [1, 10]);
    assert.deepEqual(stretchedAxes(nb), [{ cell: 2, from: 1, to: 1e231 }]);
  });
});
