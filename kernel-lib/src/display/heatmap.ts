// Heatmaps (gradient norm by time step × epoch, gate activations by time step × unit) rendered to a standalone SVG string.
import { argError, checkArray, checkObject, checkString } from "../args/check";
import { checkChartOptions } from "./line-chart";
import type { Tensor } from "../tensor";
import { titleSvg } from "./decorations";
import { escapeXml, formatNumber, loadPlot, serializeSvg, svgDocument, type ChartTheme } from "./render";

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

/** Every k-th index so that at most `max` tick labels are shown. */
function thinTicks(n: number, max = 12): number[] {
  const k = Math.max(1, Math.ceil(n / max));
  return Array.from({ length: n }, (_, i) => i).filter((i) => i % k === 0);
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
  for (const k of ["rowLabels", "colLabels"] as const) if (opts[k] !== undefined) checkArray("heatmap", `opts.${k}`, opts[k]);
  const rows = m.length;
  const cols = rows ? m[0].length : 0;
  if (opts.rowLabels && opts.rowLabels.length !== rows) throw new Error(`heatmap: rowLabels has ${opts.rowLabels.length} labels for ${rows} rows`);
  if (opts.colLabels && opts.colLabels.length !== cols) throw new Error(`heatmap: colLabels has ${opts.colLabels.length} labels for ${cols} columns`);
  const width = opts.width ?? 640;
  const height = opts.height ?? Math.min(480, Math.max(160, 60 + rows * 18));
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
  const barWidth = 12;
  const marginRight = 70;
  const marginTop = Math.max(20, header.height + 10);
  const svg = Plot.plot({
    document: svgDocument(),
    width,
    height,
    marginTop,
    marginRight,
    marginLeft: 56,
    padding: 0,
    x: { type: "band", domain: Array.from({ length: cols }, (_, j) => j), ticks: thinTicks(cols), tickFormat: colLabel, label: opts.xLabel },
    y: { type: "band", domain: Array.from({ length: rows }, (_, i) => i), ticks: thinTicks(rows), tickFormat: rowLabel, label: opts.yLabel },
    color: { type: colorType, scheme, domain: cells.length ? [lo, hi] : [0, 1] },
    marks: [Plot.cell(cells, { x: "j", y: "i", fill: "v", inset: 0 })],
  });
  // Colour bar: 32 stacked swatches coloured by the same scale, from max (top) to min (bottom).
  let bar = "";
  if (cells.length) {
    const scale = Plot.scale({ color: { type: colorType, scheme, domain: [lo, hi] } });
    const steps = 32;
    const x0 = width - marginRight + 16;
    const top = marginTop;
    const h = height - marginTop - 30;
    const parts: string[] = [];
    for (let s = 0; s < steps; s++) {
      const f = 1 - (s + 0.5) / steps;
      const v = opts.log ? Math.exp(Math.log(lo) + f * (Math.log(hi) - Math.log(lo))) : lo + f * (hi - lo);
      parts.push(`<rect x="${x0}" y="${(top + (s * h) / steps).toFixed(2)}" width="${barWidth}" height="${(h / steps + 0.5).toFixed(2)}" fill="${escapeXml(String(scale.apply(v)))}" />`);
    }
    parts.push(`<text x="${x0 + barWidth + 4}" y="${top}" dy="0.71em" text-anchor="start">${escapeXml(formatNumber(hi, 3))}</text>`);
    parts.push(`<text x="${x0 + barWidth + 4}" y="${top + h}" text-anchor="start">${escapeXml(formatNumber(lo, 3))}</text>`);
    bar = `<g aria-label="color bar">${parts.join("")}</g>`;
  }
  return serializeSvg(svg, header.svg + bar, opts.theme);
}
