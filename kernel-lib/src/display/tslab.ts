// The only module that talks to tslab: sends display bundles to the notebook, or prints text when not in a kernel.
import { argError, checkObject, checkString } from "../args/check";
import type { Tensor } from "../tensor";
import { checkSvg, svgBundle } from "./bundle";
import type { MimeBundle } from "./bundle";
import { checkFigure, plotlyBundle } from "./plotly";
import type { PlotlyBundleOptions, PlotlyFigure } from "./plotly";
import { sliderFigure, sliderFigureSvg, validateSlider } from "./slider-figure";
import type { SliderFigureOptions } from "./slider-figure";
import { inspect } from "node:util";
import { shortError } from "./errors";
import { escapeXml } from "./render";
import { checkTableOptions, isDataFrameLike, table, tableData, tableText } from "./table";
import type { TableInput, TableOptions } from "./table";

/** tslab's internal writer (tslab 1.0.22 `dist/jupyter.js`): sends `display_data` or, with `update`, `update_display_data`. */
type WriteDisplayData = (data: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } }, update: boolean) => void;

/**
 * tslab's current display writer, or null outside a tslab kernel. Found through `require.cache` (the kernel loaded
 * `tslab/dist/jupyter.js`); its `lastWriteDisplayData` is the only way to send several MIME types in one output.
 */
function tslabWriter(): WriteDisplayData | null {
  for (const [key, mod] of Object.entries(require.cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(key)) continue;
    const w = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof w === "function") return w as WriteDisplayData;
  }
  return null;
}

/** True inside a running tslab kernel (a notebook), false in scripts and tests. */
export function inNotebook(): boolean {
  return tslabWriter() !== null;
}

/**
 * In a kernel, tslab prints a cell's error with `console.error(e)`, i.e. Node's inspect: the stack, under an excerpt
 * of the library's source where it threw. For the library's errors about the caller's input, inspect shows instead
 * the message first and the cell's own frames (errors.ts); other errors print as before. Installed once, in a kernel only.
 */
export function installErrorFormat(): void {
  const key = inspect.custom as unknown as keyof Error;
  if (Object.prototype.hasOwnProperty.call(Error.prototype, key)) return;
  Object.defineProperty(Error.prototype, key, {
    configurable: true, writable: true, enumerable: false,
    value: function (this: Error) { return shortError(this) ?? this; }, // returning `this` = Node's own format
  });
}
if (inNotebook()) installErrorFormat();

let noted = false;
/** Outside a kernel: prints the bundle's text/plain (plus a one-time note on stderr). */
function printFallback(bundle: MimeBundle): void {
  if (!noted) {
    noted = true;
    process.stderr.write("rnnlab: not inside a tslab kernel; rich outputs are printed as text\n");
  }
  const text = bundle["text/plain"] ?? bundle["text/markdown"];
  if (typeof text === "string") console.log(text);
}

/**
 * Sends one output holding every MIME type of `bundle` (the front end picks the richest it can render).
 * Outside a kernel prints `text/plain` instead; never throws because of the display channel.
 */
export function showBundle(bundle: MimeBundle): void {
  checkObject("showBundle", "bundle", bundle, '{ "mime/type": content } such as { "text/html": "<b>hi</b>" }');
  const write = tslabWriter();
  if (!write) return printFallback(bundle);
  write({ data: bundle, metadata: {}, transient: {} }, false);
}

/** A single output that can be replaced in place (Jupyter display ids), e.g. for live progress. */
export interface LiveOutput {
  /** Shows `bundle` (the first call creates the output, later calls replace it). */
  update(bundle: MimeBundle): void;
}

let nextDisplayId = 0;
/**
 * A new in-place output. The display id lives only in the message's `transient` part (not saved in the notebook).
 * Outside a kernel `update` is a no-op: callers print their own terminal output.
 */
export function newOutput(): LiveOutput {
  const id = `rnnlab-${process.pid}-${nextDisplayId++}`;
  let shown = false;
  return {
    update(bundle: MimeBundle) {
      const write = tslabWriter();
      if (!write) return;
      write({ data: bundle, metadata: {}, transient: { display_id: id } }, shown);
      shown = true;
    },
  };
}

/** Shows HTML (with a text/plain stand-in). */
export function showHtml(html: string, text = "[html]"): void {
  checkString("showHtml", "html", html);
  checkString("showHtml", "text", text);
  showBundle({ "text/html": html, "text/plain": text });
}

/** Shows an SVG string as a base64 `<img>` (renders in every front end, export and untrusted notebook). */
export function showSvg(svg: string): void {
  checkSvg("showSvg", svg);
  showBundle(svgBundle(svg));
}

/** Shows an interactive plotly figure (plotly MIME + HTML with plotly.js inlined once and a static fallback). */
export function showPlotly(fig: { spec: PlotlyFigure } | PlotlyFigure, opts: PlotlyBundleOptions = {}): void {
  checkFigure("showPlotly", fig);
  showBundle(plotlyBundle(fig, opts));
}

/**
 * Shows a "move a parameter" figure: a plotly slider over precomputed frames (sliderFigure), with the chosen frames
 * drawn on one static chart (sliderFigureSvg) for the PDF and untrusted notebooks.
 */
export function showSlider(opts: SliderFigureOptions): void {
  validateSlider(opts, "showSlider");
  showPlotly(sliderFigure(opts), { fallbackSvg: sliderFigureSvg(opts) });
}

/** Shows rows or a danfojs DataFrame as an HTML table (text table outside a kernel). */
export function showTable(data: TableInput, opts: TableOptions = {}): void {
  tableData(data, "showTable");
  checkTableOptions("showTable", opts);
  showBundle({ "text/html": table(data, opts), "text/plain": tableText(data, opts) });
}

/** Shows Markdown (LaTeX `$…$` renders in every front end). */
export function markdown(md: string): void {
  checkString("markdown", "md", md);
  showBundle({ "text/markdown": md, "text/plain": md });
}

/** True for rnnlab Tensors (duck-typed so display imports tensor types only). */
function isTensor(x: unknown): x is Tensor {
  const t = x as Tensor;
  return !!t && typeof t === "object" && Array.isArray(t.shape) && t.data instanceof Float64Array;
}

/** HTML for a tensor: its shape, then a table for rank ≤ 2 (≤ 400 values) or the text form. */
export function tensorHtml(t: Tensor): string {
  if (!isTensor(t)) throw argError("tensorHtml", "t", "a Tensor", t);
  const shape = `[${t.shape.join(", ")}]`;
  if (t.shape.length <= 2 && t.data.length <= 400) {
    const rows = t.shape.length === 2 ? t.shape[0] : 1;
    const cols = t.shape.length === 0 ? 1 : t.shape[t.shape.length - 1];
    const cells: string[] = [];
    for (let i = 0; i < rows; i++) {
      const tds = Array.from(t.data.subarray(i * cols, (i + 1) * cols), (v) => `<td style="text-align:right">${Number(v.toPrecision(4))}</td>`);
      cells.push(`<tr>${tds.join("")}</tr>`);
    }
    return `<div class="rnnlab-tensor"><code>Tensor${shape}</code><table>${cells.join("")}</table></div>`;
  }
  return `<pre>${escapeXml(String(t))}</pre>`;
}

/**
 * Shows anything sensibly: an SVG string as an image, other strings as text, a plotly figure interactively,
 * a Tensor as a table, rows/DataFrames as a table, a `MimeBundle` ({"text/html": …}) as is, anything else as JSON text.
 */
export function show(x: unknown): void {
  if (typeof x === "string") {
    if (/^\s*<svg[\s>]/.test(x)) return showSvg(x.trim());
    return showBundle({ "text/plain": x });
  }
  if (isTensor(x)) return showBundle({ "text/html": tensorHtml(x), "text/plain": String(x) });
  if (x && typeof x === "object") {
    const o = x as Record<string, unknown>;
    const spec = (o.spec ?? o) as Record<string, unknown>;
    if (Array.isArray(spec.data) && spec.layout && typeof spec.layout === "object") return showPlotly(x as PlotlyFigure);
    if (isDataFrameLike(x) || (Array.isArray(x) && x.length > 0 && x.every((r) => r && typeof r === "object" && !Array.isArray(r)))) {
      return showTable(x as TableInput);
    }
    if (!Array.isArray(x) && Object.keys(o).some((k) => /^[a-z]+\/[\w.+-]+$/.test(k))) return showBundle(o);
  }
  showBundle({ "text/plain": typeof x === "object" ? JSON.stringify(x, null, 2) : String(x) });
}
