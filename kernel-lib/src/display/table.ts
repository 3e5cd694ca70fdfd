// HTML tables from plain rows or danfojs DataFrames (duck-typed, so danfojs is never loaded here).
import { argError, checkBoolean, checkOptions, checkString } from "../args/check";
import { escapeXml, formatNumber } from "./render";

/** What a danfojs DataFrame offers that a table needs (`df.columns`, `df.values`, `df.index`). */
export interface DataFrameLike { columns: string[]; values: unknown[][] | unknown[]; index: (string | number)[] }
/** Plain rows (objects keyed by column) or a DataFrame. */
export type TableInput = Record<string, unknown>[] | DataFrameLike;
/** Options of {@link table}. */
export interface TableOptions {
  caption?: string;
  /** Significant digits for numbers (default 4). */
  digits?: number;
  /** Fixed decimals for numbers that are not integers (`0.600`, not `0.6`); overrides `digits` for them. */
  decimals?: number;
  /** Show the DataFrame's index as the first column (default true for DataFrames). */
  showIndex?: boolean;
  /** At most this many rows (default 50); the rest is summarised in a last row. */
  maxRows?: number;
  /**
   * The table holds wall-clock measurements (training times): it is marked with the class `rnnlab-wallclock`
   * (text form: a `[wall-clock]` first line), so reproducibility checks know to ignore it.
   */
  wallclock?: boolean;
}

/** True for danfojs DataFrames and anything shaped like one. */
export function isDataFrameLike(x: unknown): x is DataFrameLike {
  const d = x as DataFrameLike;
  return !!d && typeof d === "object" && !Array.isArray(d) && Array.isArray(d.columns) && Array.isArray(d.values) && Array.isArray(d.index);
}

/** Columns and row cells of either input form (columns: union of keys in first-seen order). */
export function tableData(data: TableInput, fn = "table"): { columns: string[]; rows: unknown[][]; index?: (string | number)[] } {
  if (isDataFrameLike(data)) {
    const values = data.values.map((r) => (Array.isArray(r) ? r : [r])); // a Series has 1-D values
    return { columns: data.columns.map(String), rows: values, index: data.index };
  }
  if (!Array.isArray(data)) throw argError(fn, "data", "an array of row objects or a DataFrame", data);
  data.forEach((r, i) => { if (r !== null && r !== undefined && (typeof r !== "object" || Array.isArray(r))) throw argError(fn, `data[${i}]`, "a row object { column: value }", r); });
  const columns: string[] = [];
  for (const r of data) for (const k of Object.keys(r ?? {})) if (!columns.includes(k)) columns.push(k);
  return { columns, rows: data.map((r) => columns.map((c) => (r ?? {})[c])) };
}

/** Throws unless `opts` is a {@link TableOptions} object, naming `fn`. */
export function checkTableOptions(fn: string, opts: TableOptions): void {
  checkOptions(fn, "opts", opts, ["caption", "digits", "decimals", "showIndex", "maxRows", "wallclock"]);
  if (opts.caption !== undefined) checkString(fn, "opts.caption", opts.caption);
  for (const k of ["showIndex", "wallclock"] as const) if (opts[k] !== undefined) checkBoolean(fn, `opts.${k}`, opts[k]);
  if (opts.digits !== undefined && (!Number.isInteger(opts.digits) || opts.digits < 1 || opts.digits > 21)) throw argError(fn, "opts.digits", "an integer in 1 … 21", opts.digits);
  if (opts.decimals !== undefined && (!Number.isInteger(opts.decimals) || opts.decimals < 0 || opts.decimals > 20)) throw argError(fn, "opts.decimals", "an integer in 0 … 20", opts.decimals);
  if (opts.maxRows !== undefined && (!Number.isInteger(opts.maxRows) || opts.maxRows < 0)) throw argError(fn, "opts.maxRows", "a non-negative integer", opts.maxRows);
}

/** One cell's text: numbers to `digits` significant digits (or, not integers, to `decimals` fixed decimals), missing values blank. */
export function cellText(v: unknown, digits = 4, decimals?: number): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") {
    if (Number.isInteger(v)) return String(v);
    return decimals !== undefined && Number.isFinite(v) ? v.toFixed(decimals) : formatNumber(v, digits);
  }
  if (Array.isArray(v)) return `[${v.map((x) => cellText(x, digits, decimals)).join(", ")}]`;
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

const NUMBER = String.raw`[-+−]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?(?: ?%)?`;
/** A number, or text that is one number or one interval "[lo, hi]" of numbers. */
const NUMBER_TEXT = new RegExp(`^(?:${NUMBER}|\\[${NUMBER}, ${NUMBER}\\])$`, "i");
/** A mean and its interval, "0.667 [0.641, 0.692]": right-aligned like a number, but it may wrap between the two. */
const MEAN_INTERVAL = new RegExp(`^${NUMBER} \\[${NUMBER}, ${NUMBER}\\]$`, "i");

/** True for a table cell that holds a number: a `number`, or a string such as "4.6e-4", "12 %" or "[1.2e-4, 8.0e-4]". */
export function isNumberCell(v: unknown): boolean {
  return typeof v === "number" || (typeof v === "string" && NUMBER_TEXT.test(v.trim()));
}

/**
 * HTML `<table>` of rows or a DataFrame; every header and cell is HTML-escaped; numbers (and text that is a number or
 * an interval of numbers, see {@link isNumberCell}) right-aligned and never wrapped, other cells left-aligned, and
 * each header as its column (Jupyter's style sheet right-aligns every cell, which makes columns of text hard to read).
 * @example table([{ model: "LSTM", acc: 0.9123 }, { model: "GRU", acc: 0.9 }], { caption: "test accuracy", digits: 3 })
 */
export function table(data: TableInput, opts: TableOptions = {}): string {
  const { columns, rows, index } = tableData(data, "table");
  checkTableOptions("table", opts);
  const digits = opts.digits ?? 4;
  const showIndex = index !== undefined && (opts.showIndex ?? true);
  const maxRows = opts.maxRows ?? 50;
  // a number cell (a number, or text that is one: "4.6e-4", "[1.2e-4, 8.0e-4]") is right-aligned and never wraps:
  // Chromium broke "1.500e-4" after its hyphen in the printed handouts
  const meanInterval = (v: unknown) => typeof v === "string" && MEAN_INTERVAL.test(v.trim());
  const td = (v: unknown) => isNumberCell(v)
    ? `<td style="text-align:right;white-space:nowrap">${escapeXml(cellText(v, digits, opts.decimals))}</td>`
    : `<td style="text-align:${meanInterval(v) ? "right" : "left"}">${escapeXml(cellText(v, digits, opts.decimals))}</td>`;
  // a header sits over its cells: right over a column of numbers (or of means with intervals), left over anything else
  const rightAligned = (v: unknown) => isNumberCell(v) || meanInterval(v);
  const numeric = columns.map((_, j) => rows.some((r) => rightAligned(r[j])) && rows.every((r) => r[j] === undefined || r[j] === null || rightAligned(r[j])));
  const th = (c: string, j: number) => `<th style="text-align:${numeric[j] ? "right" : "left"}">${escapeXml(c)}</th>`;
  const head = `<thead><tr>${showIndex ? "<th></th>" : ""}${columns.map(th).join("")}</tr></thead>`;
  const body = rows.slice(0, maxRows).map((r, i) => `<tr>${showIndex ? `<th>${escapeXml(String(index![i]))}</th>` : ""}${r.map(td).join("")}</tr>`);
  if (rows.length > maxRows) body.push(`<tr><td colspan="${columns.length + (showIndex ? 1 : 0)}">… ${rows.length - maxRows} more rows (${rows.length} in all)</td></tr>`);
  const caption = opts.caption ? `<caption>${escapeXml(opts.caption)}</caption>` : "";
  return `<table class="rnnlab-table${opts.wallclock ? " rnnlab-wallclock" : ""}">${caption}${head}<tbody>${body.join("")}</tbody></table>`;
}

/** Plain-text rendering of the same table (aligned columns), for terminals and text/plain. */
export function tableText(data: TableInput, opts: TableOptions = {}): string {
  const { columns, rows, index } = tableData(data, "tableText");
  checkTableOptions("tableText", opts);
  const digits = opts.digits ?? 4;
  const showIndex = index !== undefined && (opts.showIndex ?? true);
  const grid = [[...(showIndex ? [""] : []), ...columns], ...rows.slice(0, opts.maxRows ?? 50).map((r, i) => [...(showIndex ? [String(index![i])] : []), ...r.map((v) => cellText(v, digits, opts.decimals))])];
  const widths = grid[0].map((_, j) => Math.max(...grid.map((r) => (r[j] ?? "").length)));
  const lines = grid.map((r) => r.map((c, j) => c.padEnd(widths[j])).join("  ").trimEnd());
  return (opts.wallclock ? "[wall-clock]\n" : "") + (opts.caption ? opts.caption + "\n" : "") + lines.join("\n");
}
