// Interactive plotly.js figures: a spec builder and a bundle that inlines plotly.js once per kernel with a static fallback.
import { readFileSync } from "fs";
import { argError, checkOneOf, checkOptions } from "../args/check";
import type { MimeBundle } from "./bundle";
import { checkSvg, svgImgHtml } from "./bundle";

/** A plotly figure: traces (`data`) and `layout`, exactly the JSON plotly.js and the plotly MIME renderer take. */
export interface PlotlyFigure { data: Record<string, unknown>[]; layout: Record<string, unknown> }

/**
 * Builds a plotly figure spec (plain JSON, copied so later edits of the inputs do not change it).
 * @example plotlyFigure([{ type: "scatter", x: [1, 2], y: [3, 1], name: "loss" }], { title: { text: "loss" } })
 */
export function plotlyFigure(traces: Record<string, unknown>[], layout: Record<string, unknown> = {}): { spec: PlotlyFigure } {
  if (!Array.isArray(traces)) throw new Error(`plotlyFigure: traces must be an array of trace objects, got ${typeof traces}`);
  return { spec: JSON.parse(JSON.stringify({ data: traces, layout })) as PlotlyFigure };
}

/** Per-kernel state: whether plotly.js has already been sent, and the counter behind deterministic div ids. */
const state = { inlined: false, nextId: 0 };

/** Forgets that plotly.js was sent (call after clearing outputs, so the next figure carries the library again). */
export function resetPlotlyInline(): void {
  state.inlined = false;
  state.nextId = 0;
}

let libraryCache: string | undefined;
/** The minified plotly.js source (≈ 4.9 MB), read once. */
export function plotlyLibrarySource(): string {
  if (libraryCache === undefined) libraryCache = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
  return libraryCache;
}

/** `<script>` that defines `window.Plotly` even under require.js (classic Notebook), then wakes waiting figures. */
function libraryScript(): string {
  const src = plotlyLibrarySource();
  if (/<\/script/i.test(src)) throw new Error("plotlyBundle: plotly.js source contains </script> and cannot be inlined");
  return `<script type="text/javascript">(function(define, module, exports){\n${src}\n}).call(window);\n`
    + `window.dispatchEvent(new Event("rnnlab-plotly-ready"));</script>`;
}

/** JSON safe inside a <script> element. */
function scriptJson(x: unknown): string {
  return JSON.stringify(x).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/** The figure's spec `{ data, layout }` of `fig` (a spec, or `{ spec }` as plotlyFigure returns); throws naming `fn` otherwise. */
export function checkFigure(fn: string, fig: unknown): PlotlyFigure {
  const what = "a plotly figure { data: traces[], layout? } or { spec } (from plotlyFigure / sliderFigure)";
  if (fig === null || typeof fig !== "object" || Array.isArray(fig)) throw argError(fn, "fig", what, fig);
  const spec = ("spec" in fig ? (fig as { spec: unknown }).spec : fig) as PlotlyFigure;
  if (spec === null || typeof spec !== "object" || !Array.isArray((spec as { data?: unknown }).data)) throw argError(fn, "fig", what, fig);
  return spec;
}

/** Options of {@link plotlyBundle}. */
export interface PlotlyBundleOptions {
  /** Static SVG (from lineChart/heatmap/barChart) shown where scripts do not run. */
  fallbackSvg?: string;
  /** "once" (default): the first figure of the kernel carries plotly.js; "always" / "never" force it. */
  inline?: "once" | "always" | "never";
}

/**
 * Display bundle for an interactive figure:
 * `application/vnd.plotly.v1+json` (JupyterLab, VS Code) and `text/html` (classic Notebook, nbconvert) holding
 * plotly.js (first figure only), a div `rnnlab-plotly-<n>` with the static fallback inside, and a script that replaces
 * the fallback by the live chart once `window.Plotly` exists. Deterministic for the same sequence of calls in a kernel.
 */
export function plotlyBundle(fig: { spec: PlotlyFigure } | PlotlyFigure, opts: PlotlyBundleOptions = {}): MimeBundle {
  const spec = checkFigure("plotlyBundle", fig);
  checkOptions("plotlyBundle", "opts", opts, ["fallbackSvg", "inline"]);
  if (opts.inline !== undefined) checkOneOf("plotlyBundle", "opts.inline", opts.inline, ["once", "always", "never"]);
  if (opts.fallbackSvg !== undefined) checkSvg("plotlyBundle", opts.fallbackSvg, "opts.fallbackSvg");
  const id = `rnnlab-plotly-${state.nextId++}`;
  const mode = opts.inline ?? "once";
  const withLib = mode === "always" || (mode === "once" && !state.inlined);
  if (withLib) state.inlined = true;
  const fallback = opts.fallbackSvg
    ? svgImgHtml(opts.fallbackSvg, "static figure")
    : `<pre>[interactive figure: run the notebook (trusted) to see it]</pre>`;
  const draw = `<script type="text/javascript">(function(){var id=${scriptJson(id)},fig=${scriptJson(spec)};`
    + `function draw(){var el=document.getElementById(id);if(!el||el.getAttribute("data-drawn"))return;el.setAttribute("data-drawn","1");`
    + `var fb=el.querySelector(".rnnlab-fallback");if(fb)fb.style.display="none";`
    + `window.Plotly.newPlot(el.querySelector(".rnnlab-live"),fig.data,fig.layout,{responsive:true});}`
    + `if(window.Plotly)draw();else window.addEventListener("rnnlab-plotly-ready",draw);})();</script>`;
  // on paper the static figure stands in for the live one (Chromium's print-to-PDF runs the scripts first)
  const print = `<style>@media print{.rnnlab-plotly .rnnlab-live{display:none!important}.rnnlab-plotly .rnnlab-fallback{display:block!important}}</style>`;
  const html = print + (withLib ? libraryScript() : "")
    + `<div id="${id}" class="rnnlab-plotly"><div class="rnnlab-live"></div><div class="rnnlab-fallback">${fallback}</div></div>`
    + draw;
  return {
    "application/vnd.plotly.v1+json": spec,
    "text/html": html,
    "text/plain": `[interactive figure ${id}]`,
  };
}
