// Interactive "move a parameter" figures: line charts precomputed for each value of a parameter, one plotly slider between them.
import { argError, checkArray, checkObject } from "../args/check";
import { lineChart } from "./line-chart";
import type { Series } from "./line-chart";
import type { PlotlyFigure } from "./plotly";
import { seriesColors } from "./palette";

/** The curves for one value of the parameter. */
export interface SliderFrame {
  /** The slider's label for this value, e.g. "ρ = 0.9". */
  label: string;
  /** The curves at this value (the same names, in the same order, in every frame). */
  series: Series[];
}

/** Options of {@link sliderFigure}. */
export interface SliderFigureOptions {
  frames: SliderFrame[];
  /** Name of the parameter shown before the slider's value, e.g. "spectral radius". */
  parameter: string;
  xLabel: string;
  yLabel: string;
  title?: string;
  logY?: boolean;
  /** The frame shown first and drawn in the static fallback (default: the middle one). */
  active?: number;
  /** Frames drawn together in the static SVG (PDF, untrusted notebook); default: first, active, last. */
  staticFrames?: number[];
  /** Names of series drawn dashed (e.g. a formula laid over a measurement it equals). */
  dashed?: string[];
}

/** Dashes of the static frames, in the order drawn: solid, dashed, dotted, dash-dot. */
const FRAME_DASHES = [undefined, "6 4", "2 3", "8 3 2 3"];

/** Fixed colours so the figure reads the same on light and dark themes (plotly would otherwise inherit the page). */
const LIGHT = { paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff", font: { color: "#222222" } };

/** The y range shared by every frame (log10 units for a log axis), so moving the slider moves the curves, not the axis. */
function sharedRange(frames: SliderFrame[], logY: boolean): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const f of frames) for (const s of f.series) for (const y of s.y) {
    if (!Number.isFinite(y) || (logY && y <= 0)) continue;
    const v = logY ? Math.log10(y) : y;
    lo = Math.min(lo, v); hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) throw new Error("sliderFigure: no finite (and, with logY, positive) y value in any frame");
  const pad = (hi - lo) * 0.05 || (logY ? 0.5 : Math.abs(hi) * 0.05 || 1);
  return [lo - pad, hi + pad];
}

/** Checks the frames: non-empty, same series names in the same order, x and y of equal length. */
export function validateSlider(opts: SliderFigureOptions, fn = "sliderFigure"): string[] {
  checkObject(fn, "opts", opts, "{ frames, parameter, xLabel, yLabel, … }");
  const frames = opts.frames;
  if (!Array.isArray(frames) || frames.length < 2) throw argError(fn, "opts.frames", "an array of at least 2 frames { label, series }", frames);
  frames.forEach((f, k) => {
    checkObject(fn, `opts.frames[${k}]`, f, "{ label, series }");
    checkArray<{ x: unknown; y: unknown }>(fn, `opts.frames[${k}].series`, f.series).forEach((s, j) => {
      checkObject(fn, `opts.frames[${k}].series[${j}]`, s, "{ name, x, y }");
      checkArray(fn, `opts.frames[${k}].series[${j}].x`, s.x);
      checkArray(fn, `opts.frames[${k}].series[${j}].y`, s.y);
    });
  });
  const names = frames[0].series.map((s) => s.name);
  frames.forEach((f, k) => {
    const got = f.series.map((s) => s.name);
    if (got.join("\u0000") !== names.join("\u0000")) throw new Error(`${fn}: frame ${k} ("${f.label}") has series [${got.join(", ")}], expected [${names.join(", ")}] as in frame 0`);
    for (const s of f.series) if (s.x.length !== s.y.length) throw new Error(`${fn}: frame ${k} series "${s.name}" has ${s.x.length} x but ${s.y.length} y values`);
  });
  const a = opts.active;
  if (a !== undefined && (!Number.isInteger(a) || a < 0 || a >= frames.length)) throw new Error(`${fn}: active must be a frame index in 0 … ${frames.length - 1}, got ${a}`);
  return names;
}

/**
 * A plotly figure with one slider over precomputed frames: every frame's curves are traces, the slider shows one frame's
 * (plotly `restyle` of `visible`), the y range is shared by all frames. Pure JSON (no callbacks), so it renders with the
 * plotly MIME type (VS Code, JupyterLab) and with inlined plotly.js (exported HTML, classic Notebook).
 * @param opts `{ frames: [{label, series: [{name, x, y}]}], parameter, xLabel, yLabel, title?, logY?, active? }`
 * @returns `{ spec }` for showPlotly / plotlyBundle
 * @example showPlotly(sliderFigure({ frames, parameter: "ρ", xLabel: "t", yLabel: "‖∂L/∂a_t‖", logY: true }), { fallbackSvg: sliderFigureSvg({ … }) })
 */
export function sliderFigure(opts: SliderFigureOptions): { spec: PlotlyFigure } {
  const names = validateSlider(opts);
  const { frames } = opts;
  const active = opts.active ?? Math.floor(frames.length / 2);
  const logY = opts.logY ?? false;
  const colors = seriesColors(names.map(String)); // a curve named after a model in the model's course colour
  const data: Record<string, unknown>[] = [];
  frames.forEach((f, k) => f.series.forEach((s, j) => data.push({
    type: "scatter", mode: "lines", name: s.name, x: s.x, y: logY ? s.y.map((v) => (v > 0 ? v : null)) : s.y,
    visible: k === active, legendgroup: s.name,
    line: { color: colors[j], width: 2, ...(opts.dashed?.includes(s.name) ? { dash: "dash" } : {}) },
  })));
  const n = names.length;
  const steps = frames.map((f, k) => ({
    label: f.label, method: "restyle",
    args: [{ visible: data.map((_, t) => Math.floor(t / n) === k) }],
  }));
  const layout: Record<string, unknown> = {
    ...LIGHT,
    title: opts.title ? { text: opts.title } : undefined,
    xaxis: { title: { text: opts.xLabel }, gridcolor: "#e5e5e5" },
    yaxis: { title: { text: opts.yLabel }, type: logY ? "log" : "linear", range: sharedRange(frames, logY), gridcolor: "#e5e5e5", exponentformat: "power" },
    sliders: [{ active, steps, currentvalue: { prefix: `${opts.parameter}: ` }, pad: { t: 50 } }],
    margin: { t: opts.title ? 50 : 20, r: 20 },
    height: 460,
    legend: { orientation: "h", y: 1.08 },
  };
  if (!opts.title) delete layout.title;
  return { spec: JSON.parse(JSON.stringify({ data, layout })) as PlotlyFigure };
}

/**
 * The static stand-in of a slider figure (PDF, untrusted notebook): the chosen frames' curves on one line chart,
 * named "curve (label)"; a curve identical in all the chosen frames is drawn once, named "curve". Same y axis kind as
 * the interactive figure.
 * @returns an SVG string (lineChart)
 */
export function sliderFigureSvg(opts: SliderFigureOptions): string {
  validateSlider(opts, "sliderFigureSvg");
  const { frames } = opts;
  const active = opts.active ?? Math.floor(frames.length / 2);
  const pick = opts.staticFrames ?? [...new Set([0, active, frames.length - 1])];
  for (const k of pick) if (!Number.isInteger(k) || k < 0 || k >= frames.length) throw new Error(`sliderFigureSvg: staticFrames holds ${k}, not a frame index in 0 … ${frames.length - 1}`);
  // a curve the same in every drawn frame (a reference such as full BPTT) is drawn once, under its own name:
  // drawn per frame, the copies hid each other and left legend entries without a visible line
  const same = (j: number) => pick.every((k) => sameCurve(frames[k].series[j], frames[pick[0]].series[j]));
  const shared = frames[0].series.map((_, j) => pick.length > 1 && same(j));
  const many = frames[0].series.length > 1;
  const colors = seriesColors(frames[0].series.map((s) => String(s.name)));
  const series: (Series & { style: { color?: string; dash?: string } })[] = [
    ...frames[pick[0]].series.map((s, j) => ({ s, j })).filter(({ j }) => shared[j]).map(({ s, j }) => ({
      name: s.name, x: s.x, y: s.y, style: { color: colors[j], dash: opts.dashed?.includes(s.name) ? "6 4" : undefined },
    })),
    // with several curves per frame, one colour per curve and one dash per frame, so a curve's frames read as a pair
    ...pick.flatMap((k, p) => frames[k].series.map((s, j) => ({ s, j })).filter(({ j }) => !shared[j]).map(({ s, j }) => ({
      name: many ? `${s.name} (${frames[k].label})` : frames[k].label, x: s.x, y: s.y,
      style: many ? { color: colors[j], dash: FRAME_DASHES[p % FRAME_DASHES.length] } : {},
    }))),
  ];
  return lineChart(series.map(({ name, x, y }) => ({ name, x, y })), {
    title: opts.title, xLabel: opts.xLabel, yLabel: opts.yLabel, logY: opts.logY,
    ...(many ? { styles: series.map((s) => s.style) } : {}),
  });
}

/** True when two series have the same x and y values (the same curve). */
function sameCurve(a: Series, b: Series): boolean {
  return a.x.length === b.x.length && a.x.every((v, i) => v === b.x[i] && a.y[i] === b.y[i]);
}
