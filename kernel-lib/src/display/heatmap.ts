// Heatmaps (gradient norm by time step × epoch, gate activations by time step × unit) rendered to a standalone SVG string.
import { argError, checkArray, checkObject, checkString } from "../args/check";
import { checkChartOptions } from "./line-chart";
import type { Tensor } from "../tensor";
import { titleSvg } from "./decorations";
import { escapeXml, loadPlot, serializeSvg, svgDocument, type ChartTheme } from "./render";

/** Options of {@link heatmap}. */
export interface HeatmapOptions {
  xLabel: string;
  yLabel: string;
  /** Labels of the matrix rows (y, top to bottom) and columns (x, left to right); default 0, 1, 2, … */
  rowLabels?: (string | number)[];
  colLabels?: (string | number)[];
  /** A Plot/d3 colour scheme name, e.g. "viridis" (default), "magma", "rdbu". */
  colorScale?: string;
  /** Logarithmic colour scale (cells ≤ 0 are left blank). */
  log?: boolean;
  /**
   * A fixed colour domain [lo, hi], e.g. [0, 1] for probabilities (attention weights), so that a shade means the same in
   * every figure; values outside are clamped. Default: the matrix's own min and max.
   */
  domain?: [number, number];
  title?: string;
  width?: number;
  height?: number;
  /** "light" or "dark"; default `rl.chartTheme()`. */
  theme?: ChartTheme;
}

/** Reads a matrix from nested arrays or a rank-2 Tensor; throws naming the received shape otherwise. */
export function toMatrix(m: number[][] | Tensor, fn = "heatmap"): number[][] {
  if (Array.isArray(m)) {
    const cols = m.length && Array.isArray(m[0]) ? m[0].length : 0;
    m.forEach((row, i) => {
      if (!Array.isArray(row)) throw argError(fn, `matrix[${i}]`, `a row of ${cols} numbers`, row);
      if (row.length !== cols) throw new Error(`${fn}: row ${i} has length ${row.length}, expected ${cols} (rows must be equal length)`);
      row.forEach((v, j) => { if (typeof v !== "number") throw argError(fn, `matrix[${i}][${j}]`, "a number", v); });
    });
    return m;
  }
  if (!isTensorLike(m)) throw argError(fn, "matrix", "nested arrays of numbers [rows][cols] or a rank-2 Tensor", m);
  if (m.shape.length !== 2) throw new Error(`${fn}: matrix must be [rows, cols], got [${m.shape.join(", ")}]`);
  const [r, c] = m.shape;
  return Array.from({ length: r }, (_, i) => Array.from(m.data.subarray(i * c, (i + 1) * c)));
}

function isTensorLike(x: unknown): x is Tensor {
  const t = x as Tensor;
  return !!t && typeof t === "object" && Array.isArray(t.shape) && t.data instanceof Float64Array;
}

/** Up to `all` labels, every index is labelled; beyond, every k-th so that at most `max` tick labels are shown. */
function ticksFor(n: number, all = 30, max = 12): number[] {
  const k = n <= all ? 1 : Math.max(1, Math.ceil(n / max));
  return Array.from({ length: n }, (_, i) => i).filter((i) => i % k === 0);
}

/** Approximate width in px of `text` in Plot's 10 px sans-serif tick font (wide enough for "m" and "w"). */
function textWidth(text: string): number {
  return 6.2 * [...text].length;
}

/** A colour-bar end: short enough to fit beside the bar (`1`, `0.25`, `5.0e-16`). */
function barLabel(v: number): string {
  if (v === 0) return "0";
  if (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5) return String(Number(v.toPrecision(2)));
  return v.toExponential(1);
}

/**
 * Heatmap as an SVG string: cell (i, j) coloured by `matrix[i][j]`, rows top to bottom, a colour bar on the right
 * with min/max labels, title inside the SVG.
 * @param matrix [rows, cols] nested arrays or Tensor (rows on y, columns on x)
 * @example heatmap([[1, 2], [3, 4]], { xLabel: "time step t", yLabel: "epoch" })
 */
export function heatmap(matrix: number[][] | Tensor, opts: HeatmapOptions): string {
  const Plot = loadPlot();
  const m = toMatrix(matrix);
  checkObject("heatmap", "opts", opts, "{ xLabel, yLabel, title?, … }");
  checkString("heatmap", "opts.xLabel", opts.xLabel);
  checkString("heatmap", "opts.yLabel", opts.yLabel);
  checkChartOptions("heatmap", opts, ["log"], ["colorScale"]);
  if (opts.domain !== undefined) {
    const d = opts.domain;
    if (!Array.isArray(d) || d.length !== 2 || !d.every((v) => typeof v === "number" && Number.isFinite(v)) || !(d[0] < d[1])
      || (opts.log && d[0] <= 0)) {
      throw argError("heatmap", "opts.domain", `[lo, hi] with finite lo < hi${opts.log ? " and lo > 0 (log scale)" : ""}`, d);
    }
  }
  for (const k of ["rowLabels", "colLabels"] as const) if (opts[k] !== undefined) checkArray("heatmap", `opts.${k}`, opts[k]);
  const rows = m.length;
  const cols = rows ? m[0].length : 0;
  if (opts.rowLabels && opts.rowLabels.length !== rows) throw new Error(`heatmap: rowLabels has ${opts.rowLabels.length} labels for ${rows} rows`);
  if (opts.colLabels && opts.colLabels.length !== cols) throw new Error(`heatmap: colLabels has ${opts.colLabels.length} labels for ${cols} columns`);
  const width = opts.width ?? 640;
  const cells: { i: number; j: number; v: number }[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = m[i][j];
      if (!Number.isFinite(v) || (opts.log && v <= 0)) continue;
      cells.push({ i, j, v });
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const scheme = opts.colorScale ?? "viridis";
  try {
    Plot.scale({ color: { type: "linear", scheme, domain: [0, 1] } });
  } catch {
    throw argError("heatmap", "opts.colorScale", 'a Plot/d3 colour scheme name such as "viridis", "magma", "rdbu"', scheme);
  }
  const colorType = opts.log ? "log" : "linear";
  const rowLabel = (i: number) => String(opts.rowLabels ? opts.rowLabels[i] : i);
  const colLabel = (j: number) => String(opts.colLabels ? opts.colLabels[j] : j);
  const header = titleSvg(opts.title, width);
  const [dLo, dHi] = opts.domain ?? (cells.length ? [lo, hi] : [0, 1]);
  const barTexts = [barLabel(dHi), barLabel(dLo)];
  const barWidth = 12;
  // room for the bar and its widest label; on the left for the widest row label and the rotated axis title
  const marginRight = Math.max(70, Math.ceil(16 + barWidth + 4 + Math.max(...barTexts.map(textWidth)) + 6));
  const xTicks = ticksFor(cols), yTicks = ticksFor(rows);
  const widest = (ticks: number[], label: (k: number) => string) => Math.max(0, ...ticks.map((k) => textWidth(label(k))));
  const marginLeft = Math.max(56, Math.ceil(widest(yTicks, rowLabel) + 9 + 20));
  // x labels wider than their column are turned by 45° (and the bottom margin grows to hold them)
  const band = (width - marginLeft - marginRight) / Math.max(1, cols);
  const colWidest = widest(xTicks, colLabel);
  const rotate = colWidest > (band * (cols / Math.max(1, xTicks.length))) - 4;
  const marginBottom = rotate ? Math.ceil(30 + colWidest * Math.SQRT1_2) : 30;
  const marginTop = Math.max(20, header.height + 10);
  const height = (opts.height ?? Math.min(480, Math.max(160, 60 + rows * 18))) + (marginBottom - 30);
  const svg = Plot.plot({
    document: svgDocument(),
    width,
    height,
    marginTop,
    marginRight,
    marginBottom,
    marginLeft,
    padding: 0,
    x: { type: "band", domain: Array.from({ length: cols }, (_, j) => j), ticks: xTicks, tickFormat: colLabel, label: opts.xLabel,
      ...(rotate ? { tickRotate: -45 } : {}) },
    y: { type: "band", domain: Array.from({ length: rows }, (_, i) => i), ticks: yTicks, tickFormat: rowLabel, label: opts.yLabel },
    color: { type: colorType, scheme, domain: [dLo, dHi], clamp: opts.domain !== undefined },
    marks: [Plot.cell(cells, { x: "j", y: "i", fill: "v", inset: 0 })],
  });
  // Colour bar: 32 stacked swatches coloured by the same scale, from the domain's top (max) to its bottom (min).
  let bar = "";
  if (cells.length) {
    const scale = Plot.scale({ color: { type: colorType, scheme, domain: [dLo, dHi] } });
    const steps = 32;
    const x0 = width - marginRight + 16;
    const top = marginTop;
    const h = height - marginTop - marginBottom;
    const parts: string[] = [];
    for (let s = 0; s < steps; s++) {
      const f = 1 - (s + 0.5) / steps;
      const v = opts.log ? Math.exp(Math.log(dLo) + f * (Math.log(dHi) - Math.log(dLo))) : dLo + f * (dHi - dLo);
      parts.push(`<rect x="${x0}" y="${(top + (s * h) / steps).toFixed(2)}" width="${barWidth}" height="${(h / steps + 0.5).toFixed(2)}" fill="${escapeXml(String(scale.apply(v)))}" />`);
    }
    parts.push(`<text x="${x0 + barWidth + 4}" y="${top}" dy="0.71em" text-anchor="start">${escapeXml(barTexts[0])}</text>`);
    parts.push(`<text x="${x0 + barWidth + 4}" y="${top + h}" text-anchor="start">${escapeXml(barTexts[1])}</text>`);
    bar = `<g aria-label="color bar">${parts.join("")}</g>`;
  }
  return serializeSvg(svg, header.svg + bar, opts.theme);
}
