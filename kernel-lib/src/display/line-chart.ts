// Line charts (loss curves, ‖∂L/∂a_t‖ against t), one line per series, rendered to a standalone SVG string.
import { checkArray, checkBoolean, checkNumber, checkObject, checkOneOf, checkString } from "../args/check";
import { headerSvg } from "./decorations";
import { seriesColors } from "./palette";
import { CHART_THEMES, loadPlot, serializeSvg, svgDocument, type ChartTheme } from "./render";

/** One named line: `y[i]` at `x[i]` (same length). */
export interface Series { name: string; x: number[]; y: number[] }
/** Long-form rows (as from a table): one point each; `series` names the line (default "y"). */
export interface SeriesRow { x: number; y: number; series?: string }

/** Options shared by the static chart builders. */
export interface ChartOptions {
  title?: string;
  width?: number;
  height?: number;
  /** "light" (white background, dark ink) or "dark"; default `rl.chartTheme()` (see `rl.setChartTheme`). */
  theme?: ChartTheme;
}
/**
 * Checks the options every static chart shares (`title`, `width`, `height` in pixels up to 10,000, `theme`) and the
 * booleans and strings named in `flags` / `labels` when present, naming `fn`. Other keys are left to the chart.
 */
export function checkChartOptions(fn: string, opts: ChartOptions, flags: readonly string[] = [], labels: readonly string[] = []): void {
  const o = opts as Record<string, unknown>;
  for (const k of ["title", ...labels]) if (o[k] !== undefined) checkString(fn, `opts.${k}`, o[k]);
  for (const k of ["width", "height"]) if (o[k] !== undefined) checkNumber(fn, `opts.${k}`, o[k], { above: 0, max: 10000 });
  for (const k of flags) if (o[k] !== undefined) checkBoolean(fn, `opts.${k}`, o[k]);
  if (opts.theme !== undefined) checkOneOf(fn, "opts.theme", opts.theme, Object.keys(CHART_THEMES));
}

/** Options of {@link lineChart}. */
export interface LineChartOptions extends ChartOptions {
  xLabel: string;
  yLabel: string;
  /** Logarithmic y axis (points with y ≤ 0 are dropped). */
  logY?: boolean;
  /** Draw a dot at every point (for short series). */
  dots?: boolean;
  /**
   * Per series, in the order of their first appearance: a colour (default: the model's course colour when the
   * series' name names a model, see `seriesColors`, else the palette's next) and an SVG
   * stroke-dasharray such as "6 4" (default solid), e.g. one colour per activation and one dash per parameter value.
   */
  styles?: { color?: string; dash?: string }[];
}

/** Normalises the two input forms into rows `{x, y, series}`, checking lengths. */
export function seriesRows(data: Series[] | SeriesRow[], fn = "lineChart"): { rows: { x: number; y: number; series: string }[]; names: string[] } {
  const rows: { x: number; y: number; series: string }[] = [];
  const names: string[] = [];
  const addName = (n: string) => { if (!names.includes(n)) names.push(n); };
  checkArray(fn, "data", data).forEach((d, i) => checkObject(fn, `data[${i}]`, d, "{ name, x: number[], y: number[] } or { x, y, series? }"));
  for (const d of data as (Series | SeriesRow)[]) {
    if (Array.isArray((d as Series).x)) {
      const s = d as Series;
      checkArray(fn, `series "${s.name}" y`, s.y);
      if (s.x.length !== s.y.length) throw new Error(`${fn}: series "${s.name}" has x of length ${s.x.length} but y of length ${s.y.length}`);
      addName(s.name);
      for (let i = 0; i < s.x.length; i++) rows.push({ x: s.x[i], y: s.y[i], series: s.name });
    } else {
      const r = d as SeriesRow;
      const name = r.series ?? "y";
      addName(name);
      rows.push({ x: r.x, y: r.y, series: name });
    }
  }
  return { rows, names };
}

/**
 * Line chart as an SVG string: one coloured line per series (a series named after a model in the model's course
 * colour, see `seriesColors`), legend and title inside the SVG, `xmlns` set, same data → same bytes.
 * @param data `Series[]` (`{name, x[n], y[n]}`) or long rows `{x, y, series?}[]`
 * @example lineChart([{ name: "LSTM", x: [1, 2, 3], y: [2.3, 1.1, 0.7] }], { xLabel: "epoch", yLabel: "loss" })
 */
export function lineChart(data: Series[] | SeriesRow[], opts: LineChartOptions): string {
  let { rows, names } = seriesRows(data);
  checkObject("lineChart", "opts", opts, "{ xLabel, yLabel, title?, … }");
  checkString("lineChart", "opts.xLabel", opts.xLabel);
  checkString("lineChart", "opts.yLabel", opts.yLabel);
  checkChartOptions("lineChart", opts, ["logY", "dots"]);
  if (opts.styles !== undefined) {
    checkArray<{ color?: unknown; dash?: unknown }>("lineChart", "opts.styles", opts.styles).forEach((st, i) => {
      checkObject("lineChart", `opts.styles[${i}]`, st, "{ color?, dash? }");
      for (const k of ["color", "dash"] as const) if (st[k] !== undefined) checkString("lineChart", `opts.styles[${i}].${k}`, st[k]);
    });
  }
  const Plot = loadPlot();
  const width = opts.width ?? 640;
  const height = opts.height ?? 320;
  if (opts.logY) rows = rows.filter((r) => r.y > 0);
  const showLegend = names.length > 1 || (names.length === 1 && names[0] !== "y");
  const auto = seriesColors(names.map(String));
  const colors = names.map((_, i) => opts.styles?.[i]?.color ?? auto[i]);
  const dashes = names.map((_, i) => opts.styles?.[i]?.dash);
  const header = headerSvg(opts.title, showLegend ? names.map((n, i) => ({ label: n, color: colors[i], dash: dashes.some((d) => d) ? dashes[i] ?? "none" : undefined })) : [], width, opts.yLabel);
  const lines = dashes.some((d) => d)
    // one mark per series, so each can have its own dash
    ? names.map((n, i) => Plot.line(rows.filter((r) => r.series === n), { x: "x", y: "y", stroke: colors[i], ...(dashes[i] ? { strokeDasharray: dashes[i] } : {}) }))
    : [Plot.line(rows, { x: "x", y: "y", z: "series", stroke: "series" })];
  const marks = [
    ...lines,
    ...(opts.dots ? [Plot.dot(rows, { x: "x", y: "y", fill: "series", r: 2 })] : []),
  ];
  const svg = Plot.plot({
    document: svgDocument(),
    width,
    height,
    marginTop: header.marginTop,
    marginLeft: 56,
    grid: true,
    x: { label: opts.xLabel },
    // linear: a domain rounded out to ticks ("nice"), so no line starts on the frame's top edge above the last tick
    y: opts.logY ? logAxis(rows.map((r) => r.y)) : { label: null, type: "linear", nice: true },
    color: { domain: names, range: colors },
    marks,
  });
  return serializeSvg(svg, header.svg, opts.theme);
}

/**
 * The log y axis: whole decades from the first to the last tick, so every tick lies inside the frame (a tick above
 * the data used to be drawn in the margin, under the legend), one tick format for the whole axis.
 */
export function logAxis(ys: number[]): Record<string, unknown> {
  const ticks = logTicks(ys);
  const pos = ys.filter((y) => y > 0 && Number.isFinite(y));
  const hi = pos.length ? 10 ** Math.ceil(Math.log10(Math.max(...pos))) : 10;
  const plain = ticks.every((t) => t >= 1e-3 && t <= 1e3);
  return { label: null, type: "log", domain: [ticks[0], Math.max(hi, ticks[ticks.length - 1])], ticks,
    tickFormat: (v: number) => powerOfTen(v, !plain) };
}

/** Powers of ten covering `ys`, at most about 8 of them (every k-th decade over wide ranges). */
export function logTicks(ys: number[]): number[] {
  const pos = ys.filter((y) => y > 0 && Number.isFinite(y));
  if (pos.length === 0) return [1];
  const lo = Math.floor(Math.log10(Math.min(...pos)));
  const hi = Math.ceil(Math.log10(Math.max(...pos)));
  const step = Math.max(1, Math.ceil((hi - lo) / 8));
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e += step) ticks.push(10 ** e);
  return ticks;
}

const SUPERSCRIPT: Record<string, string> = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

/**
 * A log-axis tick: plain for 0.001 … 1000, else 10 with a superscript exponent (10⁻⁸), never SI prefixes.
 * @param exponent write every power of ten as 10ⁿ (an axis whose ticks are not all plain reads one way: 10², not 100)
 */
export function powerOfTen(v: number, exponent = false): string {
  const e = Math.round(Math.log10(v));
  if (Math.abs(v - 10 ** e) > 1e-9 * 10 ** e) return v.toPrecision(2);
  if (e >= -3 && e <= 3 && !exponent) return String(Number((10 ** e).toPrecision(1)));
  return "10" + String(e).split("").map((c) => SUPERSCRIPT[c]).join("");
}
