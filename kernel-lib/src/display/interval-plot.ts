// Strip plot with intervals: every seed as a dot, the mean as a tick and its 95 % interval as a bar, per model and panel.
import { argError, checkArray, checkNumber, checkObject, checkString } from "../args/check";
import { headerSvg } from "./decorations";
import { checkChartOptions, logAxis, type ChartOptions } from "./line-chart";
import { seriesColors } from "./palette";
import { loadPlot, serializeSvg, svgDocument, themeColours } from "./render";

/** One model in one panel: its per-seed values, their mean and the interval [lo, hi]. */
export interface IntervalRow { label: string; panel?: string; values: number[]; mean: number; lo: number; hi: number }
/** Options of {@link intervalPlot}. */
export interface IntervalPlotOptions extends ChartOptions {
  yLabel: string;
  xLabel?: string;
  /** Horizontal reference line (chance, baseline). */
  reference?: number;
  yDomain?: [number, number];
  /**
   * Logarithmic y axis over whole decades, for values spread over several (MSEs from 1e-4 to 1): seeds ≤ 0 are
   * dropped, and an interval reaching 0 or below is drawn down to the axis' bottom edge.
   */
  logY?: boolean;
}

/**
 * Dot plot of per-seed results with their 95 % intervals, as a standalone SVG string: within each panel (e.g. a
 * phenomenon, a sequence length) one column per label (model), one colour per label (a label naming a model in the
 * model's course colour, see `seriesColors`), each seed a hollow dot (jittered
 * by its index so equal values stay visible), the interval a thick bar and the mean a short tick in the theme's ink
 * (dark on the light theme, light on the dark one), as is the dashed reference line.
 * @example intervalPlot([{ label: "LSTM", values: [0.9, 0.92, 0.91], ...summarize([0.9, 0.92, 0.91]) }], { yLabel: "test accuracy" })
 */
export function intervalPlot(rows: IntervalRow[], opts: IntervalPlotOptions): string {
  checkArray("intervalPlot", "rows", rows);
  checkObject("intervalPlot", "opts", opts, "{ yLabel, xLabel?, title?, … }");
  checkString("intervalPlot", "opts.yLabel", opts.yLabel);
  checkChartOptions("intervalPlot", opts, ["logY"], ["xLabel"]);
  if (opts.reference !== undefined) checkNumber("intervalPlot", "opts.reference", opts.reference, opts.logY ? { above: 0 } : {});
  if (opts.yDomain !== undefined && !(Array.isArray(opts.yDomain) && opts.yDomain.length === 2 && opts.yDomain.every(Number.isFinite) && opts.yDomain[0] < opts.yDomain[1])) {
    throw argError("intervalPlot", "opts.yDomain", "[lo, hi] with finite lo < hi", opts.yDomain);
  }
  const Plot = loadPlot();
  const ink = themeColours(opts.theme, "intervalPlot", "opts.theme").foreground; // explicit: currentColor is black inside <img>
  rows.forEach((r, i) => {
    checkObject("intervalPlot", `rows[${i}]`, r, "{ label, values, mean, lo, hi, panel? }");
    checkArray("intervalPlot", `rows[${i}].values`, r.values);
    if (![r.mean, r.lo, r.hi, ...r.values].every(Number.isFinite)) throw new Error(`intervalPlot: row ${i} ("${r.label}") has a non-finite value`);
  });
  const width = opts.width ?? 640;
  const height = opts.height ?? 320;
  const labels = [...new Set(rows.map((r) => r.label))];
  const panels = [...new Set(rows.map((r) => r.panel ?? ""))];
  const faceted = panels.length > 1 || panels[0] !== "";
  let dots = rows.flatMap((r) => r.values.map((v, k) => ({ label: r.label, panel: r.panel ?? "", v, dx: (k - (r.values.length - 1) / 2) * 4 })));
  let stats = rows.map((r) => ({ ...r, panel: r.panel ?? "" }));
  // rounded out to ticks ("nice"): no bar ends on the frame's edge beyond the last tick
  let y: Record<string, unknown> = { label: null, grid: true, nice: true };
  if (opts.logY) {
    const axis = logAxis([...rows.flatMap((r) => [...r.values, r.mean, r.lo, r.hi]), ...(opts.reference !== undefined ? [opts.reference] : [])]);
    const bottom = ((opts.yDomain ?? axis.domain) as number[])[0];
    y = { ...axis, grid: true };
    dots = dots.filter((d) => d.v > 0);
    stats = stats.filter((r) => r.hi > 0).map((r) => ({ ...r, lo: r.lo > 0 ? r.lo : bottom }));
  }
  // the seeds sit right of the bar within the column: a column is about (plot width / panels) / labels wide
  const column = (width - 56 - 20) / panels.length / Math.max(1, labels.length);
  const spread = { offset: Math.min(16, 0.25 * column), scale: Math.min(1, (0.3 * column) / 16) };
  const colors = seriesColors(labels.map(String));
  const header = headerSvg(opts.title, labels.map((g, i) => ({ label: g, color: colors[i] })), width, opts.yLabel);
  const fx = faceted ? { fx: "panel" } : {};
  const marks = [
    Plot.ruleX(stats, { ...fx, x: "label", y1: "lo", y2: "hi", stroke: "label", strokeWidth: 7, strokeOpacity: 0.35 }),
    Plot.tickY(opts.logY ? stats.filter((r) => r.mean > 0) : stats, { ...fx, x: "label", y: "mean", stroke: ink, strokeWidth: 2 }),
    // Plot's dx is one constant per mark: one dot mark per seed position spreads the seeds (a channel named "dx" would not)
    ...[...new Set(dots.map((d) => d.dx))].map((dx) =>
      Plot.dot(dots.filter((d) => d.dx === dx), { ...fx, x: "label", y: "v", dx: spread.offset + dx * spread.scale, stroke: "label", r: 3, strokeWidth: 1.3 })),
  ];
  if (opts.reference !== undefined) marks.push(Plot.ruleY([opts.reference], { stroke: ink, strokeOpacity: 0.55, strokeDasharray: "4,3" }));
  const svg = Plot.plot({
    document: svgDocument(),
    width,
    height,
    marginTop: header.marginTop,
    marginLeft: 56,
    ...(faceted ? { fx: { domain: panels, label: opts.xLabel ?? null, padding: 0.1 } } : {}),
    x: { domain: labels, axis: faceted ? null : "bottom", label: faceted ? null : opts.xLabel ?? null, padding: 0.3 },
    y: { ...y, ...(opts.yDomain ? { domain: opts.yDomain } : {}) },
    color: { domain: labels, range: colors },
    marks,
  });
  return serializeSvg(svg, header.svg, opts.theme);
}
