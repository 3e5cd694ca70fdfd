// The printed handouts of the lesson notebooks (PRINT_CHECKED): code lines that fit the printed cell, no figure or
// table cut at a page edge (pages rendered with pdftoppm), no chart axis stretched far past its data by one diverged run.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listNumberedNotebooks } from "../kernel-lib/src/handouts";
import { buildHandout } from "../kernel-lib/src/handouts/build";
import { cellTags, CHECKS_TAG } from "../kernel-lib/src/handouts/fold";
import { findPageEdgeCuts, printArea, renderPdfPages, stretchedAxes } from "../kernel-lib/src/handouts/page-check";
import { CHROMIUM } from "../kernel-lib/src/handouts/export";
import { chromium } from "playwright-core";
import type { NotebookJson } from "../kernel-lib/src/jupyter";
import { executedOnce } from "./notebook-runs";

const ROOT = join(__dirname, "..");
/** Characters of code allowed on one line of a lesson's code cell. */
const PRINT_LINE = 110;
/**
 * Characters that fit one printed line of a cell (10 px monospace on A4 with 12 mm margins): 98, measured with
 * pdftotext on the 09 and 10 handouts (their lines of 99–110 characters wrapped). Notebooks listed in PRINT_FITS are
 * held to it; the others to PRINT_LINE until they are rewrapped.
 */
const PRINT_WIDTH = 98;
const PRINT_FITS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"];
const DPI = 50;

/**
 * The notebooks whose printed form is checked. Add a notebook's prefix here once its code lines fit a printed line and
 * its charts pass.
 */
const PRINT_CHECKED = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"];
const lessons = listNumberedNotebooks(join(ROOT, "notebooks"))
  .filter((p) => PRINT_CHECKED.some((pre) => (p.split("/").pop() ?? "").startsWith(`${pre}-`)));
const read = (p: string): NotebookJson => JSON.parse(readFileSync(p, "utf8")) as NotebookJson;

describe("printed handouts of the lesson notebooks", function () {
  it(`found the lesson notebooks (${lessons.length} now)`, () => assert.ok(Array.isArray(lessons)));

  for (const path of lessons) {
    const name = path.slice(ROOT.length + 1);
    const limit = PRINT_FITS.some((pre) => (path.split("/").pop() ?? "").startsWith(`${pre}-`)) ? PRINT_WIDTH : PRINT_LINE;
    it(`${name}: every code line outside check cells fits a printed line (${limit} characters)`, () => {
      const long: string[] = [];
      read(path).cells.forEach((c, i) => {
        if (c.cell_type !== "code" || cellTags(c).includes(CHECKS_TAG)) return;
        const src = Array.isArray(c.source) ? c.source.join("") : c.source;
        src.split("\n").forEach((line, k) => { if ([...line].length > limit) long.push(`cell ${i + 1} line ${k + 1} (${[...line].length}): ${line.slice(0, 60)}…`); });
      });
      assert.deepEqual(long, [], "lines this long wrap into fragments on paper and run off the cell in the browser");
    });
  }

  describe("the PDFs (built into a temporary folder, or read from RNNLAB_PDF_DIR)", function () {
    this.timeout(1_800_000);
    const existing = process.env.RNNLAB_PDF_DIR;
    let out = "";
    before(function () {
      if (!existsSync("/usr/bin/pdftoppm")) throw new Error("pdftoppm is missing: run scripts/setup.sh (poppler-utils)");
      out = existing ?? mkdtempSync(join(tmpdir(), "rnnlab-pdf-test-"));
    });
    after(() => { if (!existing && out) rmSync(out, { recursive: true, force: true }); });
    for (const path of lessons) {
      const base = (path.split("/").pop() ?? "").replace(/\.ipynb$/, "");
      it(`${base}: no figure or table cut at a page edge, no y axis spanning more than 12 decades`, async () => {
        // print the run notebooks.test.ts checked (one run per notebook and test process), else run it here
        if (!existing) await buildHandout(path, out, { pdf: true, executed: executedOnce(path) });
        const pages = await renderPdfPages(join(out, `${base}.pdf`), DPI);
        assert.ok(pages.length > 0, "the PDF has pages");
        const cuts = findPageEdgeCuts(pages, printArea(pages[0], DPI));
        assert.deepEqual(cuts.map((c) => `page ${c.page} → ${c.page + 1} (${c.columns} columns continue)`), [], "content cut at a page edge");
        const stretched = stretchedAxes(read(join(out, `${base}.ipynb`)));
        assert.deepEqual(stretched.map((s) => `cell ${s.cell}: y from ${s.from} to ${s.to}`), [], "an axis stretched by one run flattens the others");
      });
      it(`${base}: in the exported HTML (offline) the slider figure is drawn and moving its slider shows another frame`, async function () {
        const html = readFileSync(join(out, `${base}.html`), "utf8");
        const sliders = (html.match(/"sliders":/g) ?? []).length;
        if (/^0[2-5]-/.test(base)) assert.ok(sliders > 0, "notebooks 02–05 each have an interactive figure with a slider");
        if (sliders === 0) return;
        const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
        try {
          const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
          await page.route(/^(?!file:|data:)/, (r) => r.abort()); // offline: nothing but the file itself
          await page.goto(`file://${join(out, `${base}.html`)}`);
          await page.waitForSelector(".rnnlab-plotly[data-drawn] .slider-rail-rect", { timeout: 60_000 });
          const fig = ".rnnlab-plotly[data-drawn]";
          const visible = () => page.evaluate((sel) => {
            const doc = (globalThis as unknown as { document: { querySelector(q: string): unknown } }).document;
            const gd = doc.querySelector(`${sel} .rnnlab-live`) as { data: { visible: boolean }[] };
            return gd.data.map((d) => (d.visible === true ? 1 : 0)).join("");
          }, fig);
          const before = await visible();
          await (await page.$(fig))!.scrollIntoViewIfNeeded();
          const rail = (await (await page.$(`${fig} .slider-rail-rect`))!.boundingBox())!;
          await page.mouse.click(rail.x + rail.width - 3, rail.y + rail.height / 2);
          await page.waitForFunction(([sel, b]) => {
            const doc = (globalThis as unknown as { document: { querySelector(q: string): unknown } }).document;
            const gd = doc.querySelector(`${sel} .rnnlab-live`) as { data: { visible: boolean }[] };
            return gd.data.map((d) => (d.visible === true ? 1 : 0)).join("") !== b;
          }, [fig, before] as const, { timeout: 10_000 });
          const after = await visible();
          assert.ok(before.includes("1") && after.includes("1") && after !== before, `visible traces ${before} → ${after}`);
        } finally {
          await browser.close();
        }
      });
    }
  });
});
