// Charts read on light and dark notebook themes: screenshots in headless Chromium of a chart (as the <img> the
// notebooks show) on a white page and on JupyterLab's and VS Code's dark page colours; its text and axes must stand out.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { barChart, heatmap, intervalPlot, lineChart, svgImgHtml, type ChartTheme } from "../kernel-lib/src/display";

const PAGES = { "white page": "#ffffff", "JupyterLab dark": "#111111", "VS Code dark": "#1f1f1f" };
const SHOTS = process.env.RNNLAB_SCREENSHOTS; // a folder to keep the screenshots in, for looking at them

// Ink: pixels that are grey (channels within 24 of each other: text, axes, ticks) with a WCAG contrast ratio ≥ 4.5
// against the chart's top-left corner pixel.

describe("chart themes in a browser (light and dark pages)", function () {
  this.timeout(120_000);
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] });
  });
  after(async () => browser?.close());

  /** Greyish ink pixels (text, axes, ticks; not the coloured series) with contrast ≥ 4.5 against the chart's corner. */
  async function inkPixels(svg: string, page: string, file: string): Promise<{ ink: number; corner: number[] }> {
    const p = await browser.newPage({ viewport: { width: 700, height: 400 } });
    try {
      await p.setContent(`<html><body style="margin:0;background:${page};color:#ddd">${svgImgHtml(svg)}</body></html>`);
      await p.waitForFunction(() => document.images[0]?.complete);
      const png = await p.locator("img").screenshot();
      if (SHOTS) { mkdirSync(SHOTS, { recursive: true }); writeFileSync(join(SHOTS, file), png); }
      // decoded and counted in the page (a canvas), the counting rule written out in contrast() above
      // a string, not a function: the test runner's transpiler would add helpers the page does not have
      return await p.evaluate(`(async () => {
        const img = new Image();
        img.src = "data:image/png;base64,${png.toString("base64")}";
        await img.decode();
        const c = document.createElement("canvas");
        c.width = img.width; c.height = img.height;
        const ctx = c.getContext("2d");
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        const lin = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
        const lum = (r, g, b) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        const corner = [d[0], d[1], d[2]];
        const lc = lum(d[0], d[1], d[2]);
        let ink = 0;
        for (let i = 0; i < d.length; i += 4) {
          const r = d[i], g = d[i + 1], b = d[i + 2];
          if (Math.max(r, g, b) - Math.min(r, g, b) >= 24) continue; // a coloured series, not text or axes
          const l = lum(r, g, b);
          if ((Math.max(l, lc) + 0.05) / (Math.min(l, lc) + 0.05) >= 4.5) ink++;
        }
        return { ink, corner };
      })()`) as { ink: number; corner: number[] };
    } finally {
      await p.close();
    }
  }

  const charts = (theme?: ChartTheme) => ({
    line: lineChart([{ name: "LSTM", x: [1, 2, 3, 4], y: [2.3, 1.1, 0.7, 0.5] }, { name: "GRU", x: [1, 2, 3, 4], y: [2.2, 1.0, 0.8, 0.6] }], { xLabel: "epoch", yLabel: "loss", title: "Training loss", theme }),
    bar: barChart([{ label: "LSTM", value: 0.8, lo: 0.75, hi: 0.85 }, { label: "GRU", value: 0.78, lo: 0.7, hi: 0.82 }], { yLabel: "accuracy", title: "Accuracy", theme }),
    heatmap: heatmap([[0, 1, 2], [3, 4, 5]], { xLabel: "t", yLabel: "unit", title: "Gates", theme }),
    interval: intervalPlot([{ label: "LSTM", values: [0.8, 0.82, 0.85], mean: 0.823, lo: 0.76, hi: 0.89 }, { label: "GRU", values: [0.7, 0.75, 0.8], mean: 0.75, lo: 0.63, hi: 0.87 }],
      { yLabel: "accuracy", title: "Test accuracy", reference: 0.5, theme }),
  });

  it("the check itself fails for the old charts (currentColor, no background) on a dark page", async () => {
    const old = charts("light").line.replace(/<rect aria-label="background"[^>]*\/>/, "").replace(/#222222/g, "currentColor");
    const { ink, corner } = await inkPixels(old, PAGES["VS Code dark"], "line-old-on-1f1f1f.png");
    assert.deepEqual(corner, [31, 31, 31]);
    assert.ok(ink < 50, `${ink} ink pixels`);
  });

  for (const theme of ["light", "dark"] as const) {
    for (const [pageName, pageColour] of Object.entries(PAGES)) {
      it(`${theme} charts on a ${pageName} (${pageColour}): their own background, and text and axes in contrast ≥ 4.5`, async () => {
        for (const [kind, svg] of Object.entries(charts(theme))) {
          const { ink, corner } = await inkPixels(svg, pageColour, `${kind}-${theme}-on-${pageColour.slice(1)}.png`);
          const expected = theme === "light" ? [255, 255, 255] : [30, 30, 30];
          assert.deepEqual(corner, expected, `${kind}: the chart's corner shows the page, not the chart's own background`);
          assert.ok(ink > 200, `${kind}: only ${ink} pixels of text and axes stand out from the background`);
        }
      });
    }
  }
});
