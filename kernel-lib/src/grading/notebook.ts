// Reading, checking and writing .ipynb files (nbformat 4) as plain JSON, plus the nbgrader-style metadata of homework cells.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";

/** nbgrader-style cell metadata: `{grade: true, grade_id, points}` marks a graded test cell, `solution: true` a cell the student fills in. */
export interface NbgraderMeta { grade?: boolean; grade_id?: string; points?: number; solution?: boolean; locked?: boolean }

export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  metadata: { nbgrader?: NbgraderMeta; [k: string]: unknown };
  outputs?: unknown[];
  execution_count?: number | null;
}

export interface Notebook { nbformat: number; nbformat_minor: number; metadata: Record<string, unknown>; cells: NotebookCell[] }

/** The cell's source as one string. */
export function cellText(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
}

/** Splits text into nbformat's list-of-lines form (each line keeps its "\n"). */
export function toSourceLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((l) => l.length > 0);
}

/** Parses notebook JSON and checks its structure; throws a readable error for garbage. */
export function parseNotebook(text: string, origin = "notebook"): Notebook {
  let nb: unknown;
  try { nb = JSON.parse(text); } catch (e) {
    throw new Error(`${origin} is not a notebook: invalid JSON (${(e as Error).message})`);
  }
  const o = nb as Partial<Notebook>;
  if (!o || typeof o !== "object" || !Array.isArray(o.cells)) throw new Error(`${origin} is not a notebook: no "cells" list`);
  if (o.nbformat !== 4) throw new Error(`${origin} is not an nbformat 4 notebook (nbformat = ${String(o.nbformat)})`);
  for (const [i, c] of o.cells.entries()) {
    if (!c || typeof c !== "object" || !["code", "markdown", "raw"].includes(c.cell_type) || (typeof c.source !== "string" && !Array.isArray(c.source))) {
      throw new Error(`${origin} is not a notebook: cell ${i} is malformed`);
    }
    c.metadata = c.metadata && typeof c.metadata === "object" ? c.metadata : {};
  }
  return o as Notebook;
}

/** Reads and parses a notebook file. */
export function readNotebook(path: string): Notebook {
  return parseNotebook(readFileSync(path, "utf8"), path);
}

/** A cell's stable key: its grade_id when it has one, else its nbformat id. */
export function cellKey(cell: NotebookCell): string | undefined {
  return cell.metadata.nbgrader?.grade_id ?? cell.id;
}

/** A short digest of a text, for detecting edited cells. */
export function digest(text: string): string {
  return createHash("sha256").update(text.replace(/\r\n/g, "\n").trimEnd()).digest("hex").slice(0, 16);
}

/** Serialises a notebook the way Jupyter does (one-space indent, trailing newline). */
export function stringifyNotebook(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + "\n";
}
