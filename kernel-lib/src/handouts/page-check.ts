// Checks of printed handouts: a figure or table cut at a page edge (from page images), and a chart axis stretched far past its data.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NotebookJson } from "../jupyter";
import { runCommand } from "./export";

/** A grey-scale page image: `width × height` bytes, 0 = black, 255 = white. */
export interface GrayImage { width: number; height: number; pixels: Uint8Array }

/** Parses a binary PGM (P5, maxval 255), as `pdftoppm -gray` writes it. */
export function readPgm(buf: Uint8Array): GrayImage {
  const head = Buffer.from(buf.subarray(0, 64)).toString("latin1");
  const m = /^P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(head);
  if (!m || m[3] !== "255") throw new Error(`readPgm: expected a binary P5 image with maxval 255, got header ${JSON.stringify(head.slice(0, 20))}`);
  const width = Number(m[1]), height = Number(m[2]);
  const pixels = buf.subarray(m[0].length, m[0].length + width * height);
  if (pixels.length !== width * height) throw new Error(`readPgm: ${width}×${height} needs ${width * height} bytes, got ${pixels.length}`);
  return { width, height, pixels };
}

/** Where a page's content may go: rows `top … bottom − 1` (the rest is the page margin). */
export interface PrintArea { top: number; bottom: number }

/** Ink: darker than this grey level (light code-cell backgrounds and grid lines are not ink). */
const INK = 160;

/** Columns with ink in rows `from … to − 1`. */
function inkColumns(img: GrayImage, from: number, to: number): Set<number> {
  const cols = new Set<number>();
  for (let y = Math.max(0, from); y < Math.min(img.height, to); y++) {
    for (let x = 0; x < img.width; x++) if (img.pixels[y * img.width + x] < INK) cols.add(x);
  }
  return cols;
}

/** A place where content runs off the bottom of one page and continues at the top of the next. */
export interface PageCut { page: number; columns: number }

/**
 * Finds content cut at a page edge: the last `band` rows of page p's print area and the first `band` rows of page p + 1's
 * have ink in at least `minColumns` of the same columns (± 1 px). A text line is never split across pages, and two
 * unrelated lines of text do not line up column for column; a figure, table rule or image sliced by the page break does.
 * @param pages the page images, in order
 * @param area the print area (rows) of every page
 * @returns one entry per page (1-based) whose bottom continues on the next page
 */
export function findPageEdgeCuts(pages: GrayImage[], area: PrintArea, opts: { band?: number; minColumns?: number } = {}): PageCut[] {
  const band = opts.band ?? 2, min = opts.minColumns ?? 4;
  const cuts: PageCut[] = [];
  for (let p = 0; p + 1 < pages.length; p++) {
    const below = inkColumns(pages[p], area.bottom - band, area.bottom);
    if (below.size === 0) continue;
    const above = inkColumns(pages[p + 1], area.top, area.top + band);
    let shared = 0;
    for (const x of below) if (above.has(x) || above.has(x - 1) || above.has(x + 1)) shared++;
    if (shared >= min) cuts.push({ page: p + 1, columns: shared });
  }
  return cuts;
}

/** Renders every page of a PDF to grey-scale images with pdftoppm (poppler-utils), at `dpi`. */
export async function renderPdfPages(pdf: string, dpi = 50): Promise<GrayImage[]> {
  const dir = mkdtempSync(join(tmpdir(), "rnnlab-pages-"));
  try {
    await runCommand("pdftoppm", ["-r", String(dpi), "-gray", pdf, join(dir, "p")], { timeoutMs: 120_000 });
    return readdirSync(dir).filter((n) => n.endsWith(".pgm")).sort((a, b) => Number(/(\d+)\.pgm$/.exec(a)?.[1]) - Number(/(\d+)\.pgm$/.exec(b)?.[1]))
      .map((n) => readPgm(readFileSync(join(dir, n))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Page margins the handout print CSS sets (`@page { margin: … }`), in millimetres. */
export const PAGE_MARGIN_MM = 12;

/** The print area of a page image rendered at `dpi` with the handouts' margins. */
export function printArea(img: GrayImage, dpi: number): PrintArea {
  const m = Math.round((PAGE_MARGIN_MM / 25.4) * dpi);
  return { top: m, bottom: img.height - m };
}

/** Parses a tick label of our charts ("0.001", "1e+231", "10⁻⁴", "−2") into a number, or NaN. */
export function tickValue(label: string): number {
  const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  const t = label.trim().replace(/\u2212/g, "-").replace(/,/g, "");
  const m = /^10([⁻]?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(t);
  if (m) return Number(`1e${m[1] ? "-" : ""}${m[2].split("").map((c) => sup.indexOf(c)).join("")}`);
  return /^[-+0-9.eE]+$/.test(t) ? Number(t) : NaN;
}

/** The y-axis tick values of an SVG chart made by lineChart/barChart/heatmap (Observable Plot's aria labels). */
export function yTicks(svg: string): number[] {
  const g = /<g[^>]*\saria-label="y-axis tick label"[^>]*>([\s\S]*?)<\/g>/.exec(svg);
  if (!g) return [];
  return [...g[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => tickValue(m[1])).filter((v) => Number.isFinite(v));
}

/** Every SVG image embedded in the notebook's outputs (text/html `<img src="data:image/svg+xml;base64,…">`), with its cell. */
export function notebookSvgs(nb: NotebookJson): { cell: number; svg: string }[] {
  const found: { cell: number; svg: string }[] = [];
  nb.cells.forEach((c, i) => {
    for (const o of c.outputs ?? []) {
      const h = o.data?.["text/html"];
      const html = Array.isArray(h) ? h.join("") : typeof h === "string" ? h : "";
      for (const m of html.matchAll(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/g)) found.push({ cell: i + 1, svg: Buffer.from(m[1], "base64").toString("utf8") });
    }
  });
  return found;
}

/**
 * Charts stretched by a diverged run: the y axis reaches above `maxValue` (10⁶) **and** spans more than `maxDecades` (12) powers
 * of ten. A loss or gradient norm that raced to 1e231 flattens every other line of its chart; clip, drop or draw such a run
 * apart. (A legitimately vanishing curve, 10⁻⁴⁰ … 1, is not flagged: its top is small.) Reports the cell (1-based) and the axis.
 */
export function stretchedAxes(nb: NotebookJson, maxDecades = 12, maxValue = 1e6): { cell: number; from: number; to: number }[] {
  const bad: { cell: number; from: number; to: number }[] = [];
  for (const { cell, svg } of notebookSvgs(nb)) {
    const pos = yTicks(svg).map(Math.abs).filter((v) => v > 0);
    if (pos.length < 2) continue;
    const lo = Math.min(...pos), hi = Math.max(...pos);
    if (hi > maxValue && Math.log10(hi / lo) > maxDecades) bad.push({ cell, from: lo, to: hi });
  }
  return bad;
}
