// Notebook files as JSON (nbformat 4), in one place: the types, a cell's source, source lines, parsing with readable
// errors, and writing as Jupyter does. Used by the runner (jupyter/), the grader (grading/), the handouts and scripts.
import { readFileSync } from "node:fs";

/** One output of a code cell (stream, display_data, execute_result, error). */
export interface NotebookOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
  [key: string]: unknown;
}

/** One cell; `source` is a string or a list of lines as nbformat allows. */
export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  [key: string]: unknown;
}

/** A notebook as nbformat v4 JSON. */
export interface NotebookJson {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** The source of a cell as one string. */
export function cellSource(cell: { source: string | string[] }): string {
  return Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
}

/** Splits text into nbformat's list-of-lines form: each line keeps its "\n", no empty last line. */
export function toSourceLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((l) => l.length > 0);
}

/** Parses notebook JSON and checks its structure (nbformat 4, a cells list, well-formed cells); readable errors for garbage. */
export function parseNotebook(text: string, origin = "notebook"): NotebookJson {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new Error(`${origin} is not a notebook: invalid JSON (${(e as Error).message})`);
  }
  const o = nb as Partial<NotebookJson>;
  if (!o || typeof o !== "object" || !Array.isArray(o.cells)) throw new Error(`${origin} is not a notebook: no "cells" list`);
  if (o.nbformat !== 4) throw new Error(`${origin} is not an nbformat 4 notebook (nbformat = ${String(o.nbformat)})`);
  for (const [i, c] of o.cells.entries()) {
    if (!c || typeof c !== "object" || !["code", "markdown", "raw"].includes(c.cell_type) || (typeof c.source !== "string" && !Array.isArray(c.source))) {
      throw new Error(`${origin} is not a notebook: cell ${i} is malformed`);
    }
    c.metadata = c.metadata && typeof c.metadata === "object" ? c.metadata : {};
  }
  o.metadata = o.metadata && typeof o.metadata === "object" ? o.metadata : {};
  return o as NotebookJson;
}

/** Reads and parses a notebook file. */
export function readNotebook(path: string): NotebookJson {
  return parseNotebook(readFileSync(path, "utf8"), path);
}

/** A deep copy of `v` with every object's keys in sorted order (how nbformat writes notebooks). */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return v;
}

/**
 * The notebook as Jupyter writes it: one-space indent, a final newline, and (default) keys sorted as nbformat sorts
 * them, so equal notebooks are equal bytes. `sortKeys: false` keeps the keys' order.
 */
export function serializeNotebook(nb: object, opts: { sortKeys?: boolean } = {}): string {
  return JSON.stringify(opts.sortKeys === false ? nb : sortKeys(nb), null, 1) + "\n";
}
