// Bar charts (accuracy, time, parameter count by model; mean ± sd error bars) rendered to a standalone SVG string.
import { checkArray, checkObject, checkString } from "../args/check";
import { headerSvg } from "./decorations";
import { checkChartOptions, type ChartOptions } from "./line-chart";
import { seriesColors } from "./palette";
import { formatNumber, loadPlot, PALETTE, serializeSvg, svgDocument } from "./render";

/** One bar: `value` (± `error`, e.g. one standard deviation over seeds) at `label`, coloured by `group`. */
export interface BarRow { label: string; value: number; group?: string; error?: number }
/** Options of {@link barChart}. */
export interface BarChartOptions extends ChartOptions {
  xLabel?: string;
  yLabel: string;
  /** Write each bar's value above it (default true), so a zero or tiny bar is still seen. */
  valueLabels?: boolean;
}

/**
 * Bar chart as an SVG string. Without groups: one bar per label. With groups: bars of the same label side by
 * side, one colour per group (a group named after a model in its course colour, see `seriesColors`), legend inside
 * the SVG. Rows with `error` get an error bar `value ± error`.
 * Each bar's value is written above it (4 significant digits) unless `valueLabels: false`.
 * @example barChart([{ label: "LSTM", value: 0.91, error: 0.02 }, { label: "GRU", value: 0.9 }], { yLabel: "accuracy" })
 */
export function barChart(rows: BarRow[], opts: BarChartOptions): string {
  checkArray("barChart", "rows", rows);
  checkObject("barChart", "opts", opts, "{ yLabel, xLabel?, title?, … }");
  checkString("barChart", "opts.yLabel", opts.yLabel);
  checkChartOptions("barChart", opts, ["valueLabels"], ["xLabel"]);
  const Plot = loadPlot();
  rows.forEach((r, i) => {
    checkObject("barChart", `rows[${i}]`, r, "{ label, value, group?, error? }");
    if (!Number.isFinite(r.value)) throw new Error(`barChart: row ${i} ("${r.label}") has value ${r.value}, expected a finite number`);
  });
  const width = opts.width ?? 640;
  const height = opts.height ?? 320;
  const labels = [...new Set(rows.map((r) => r.label))];
  const grouped = rows.some((r) => r.group !== undefined);
  const groups = grouped ? [...new Set(rows.map((r) => r.group ?? ""))] : [];
  const data = rows.map((r) => ({ ...r, group: r.group ?? "", lo: r.value - (r.error ?? 0), hi: r.value + (r.error ?? 0) }));
  const withError = data.filter((r) => r.error !== undefined && r.error > 0);
  const labelled = opts.valueLabels ?? true ? data.map((r) => ({ ...r, text: formatNumber(r.value), top: Math.max(r.value, r.hi, 0) })) : [];
  const groupColors = seriesColors(groups.map(String));
  const header = headerSvg(opts.title, groups.map((g, i) => ({ label: g, color: groupColors[i] })), width, opts.yLabel);
  const common = {
    document: svgDocument(),
    width,
    height,
    marginTop: header.marginTop,
    marginLeft: 56,
    y: { label: null, grid: true },
  };
  const svg = grouped
    ? Plot.plot({
      ...common,
      fx: { domain: labels, label: opts.xLabel ?? null, padding: 0.15 },
      x: { domain: groups, axis: null },
      color: { domain: groups, range: groupColors },
      marks: [
        Plot.barY(data, { fx: "label", x: "group", y: "value", fill: "group" }),
        Plot.ruleX(withError, { fx: "label", x: "group", y1: "lo", y2: "hi", stroke: "currentColor", strokeWidth: 1.5 }),
        Plot.text(labelled, { fx: "label", x: "group", y: "top", text: "text", dy: -6, fontSize: 10 }),
        Plot.ruleY([0]),
      ],
    })
    : Plot.plot({
      ...common,
      x: { domain: labels, label: opts.xLabel ?? null, padding: 0.2 },
      marks: [
        Plot.barY(data, { x: "label", y: "value", fill: PALETTE[0] }),
        Plot.ruleX(withError, { x: "label", y1: "lo", y2: "hi", stroke: "currentColor", strokeWidth: 1.5 }),
        Plot.text(labelled, { x: "label", y: "top", text: "text", dy: -6, fontSize: 10 }),
        Plot.ruleY([0]),
      ],
    });
  return serializeSvg(svg, header.svg, opts.theme);
}
