// Reading, checking and writing .ipynb files (nbformat 4) as plain JSON, plus the nbgrader-style metadata of homework cells.
import { createHash } from "node:crypto";
import { cellSource, parseNotebook as parseNotebookJson, readNotebook as readNotebookJson, serializeNotebook, toSourceLines } from "../nbformat/notebook";

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
export const cellText: (cell: NotebookCell) => string = cellSource;

export { toSourceLines };

/** Parses notebook JSON and checks its structure; throws a readable error for garbage (nbformat/notebook.ts). */
export function parseNotebook(text: string, origin = "notebook"): Notebook {
  return parseNotebookJson(text, origin) as unknown as Notebook;
}

/** Reads and parses a notebook file. */
export function readNotebook(path: string): Notebook {
  return readNotebookJson(path) as unknown as Notebook;
}

/** A cell's stable key: its grade_id when it has one, else its nbformat id. */
export function cellKey(cell: NotebookCell): string | undefined {
  return cell.metadata.nbgrader?.grade_id ?? cell.id;
}

/** A short digest of a text, for detecting edited cells. */
export function digest(text: string): string {
  return createHash("sha256").update(text.replace(/\r\n/g, "\n").trimEnd()).digest("hex").slice(0, 16);
}

/** Serialises a notebook the way Jupyter does (one-space indent, trailing newline; keys in their order). */
export function stringifyNotebook(nb: Notebook): string {
  return serializeNotebook(nb, { sortKeys: false });
}
