// The handouts index page: one row per notebook with its title, links to HTML/PDF/ipynb and its execution time.
import { escapeUTF8 } from "entities";
import type { NotebookJson } from "../jupyter";
import { cellSource } from "../jupyter";

/** One built handout, as listed on the index page. */
export interface HandoutEntry {
  /** File stem, e.g. "01-rnn-from-scratch". */
  name: string;
  title: string;
  /** Execution wall time in ms (not stored in the notebook, so runs stay comparable). */
  ms: number;
  codeCells: number;
  pdf: boolean;
}

/** The first markdown heading of a notebook (`# Title`), or `fallback`. */
export function notebookTitle(nb: NotebookJson, fallback: string): string {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const m = /^\s*#{1,6}\s+(.+?)\s*#*\s*$/m.exec(cellSource(cell));
    if (m) return m[1];
  }
  return fallback;
}

const escapeHtml = escapeUTF8;

/** A standalone HTML index of the handouts (relative links, no scripts, works from file://). */
export function renderHandoutIndex(entries: HandoutEntry[], heading = "rnnlab handouts"): string {
  const total = entries.reduce((s, e) => s + e.ms, 0);
  const rows = entries.map((e) => {
    const n = encodeURIComponent(e.name);
    const links = [`<a href="${n}.html">HTML</a>`, e.pdf ? `<a href="${n}.pdf">PDF</a>` : "", `<a href="${n}.ipynb">notebook</a>`]
      .filter(Boolean).join(" · ");
    return `<tr><td>${escapeHtml(e.name)}</td><td>${escapeHtml(e.title)}</td><td>${links}</td>` +
      `<td class="num">${e.codeCells}</td><td class="num">${(e.ms / 1000).toFixed(1)} s</td></tr>`;
  }).join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title>
<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ccc;padding:.4em;text-align:left}.num{text-align:right}</style></head>
<body><h1>${escapeHtml(heading)}</h1>
<table><thead><tr><th>file</th><th>title</th><th>handout</th><th class="num">code cells</th><th class="num">execution time</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><td colspan="4">total</td><td class="num">${(total / 1000).toFixed(1)} s</td></tr></tfoot></table>
<p>Execution times are wall-clock on the machine that built the handouts; they are kept out of the notebooks.</p>
</body></html>
`;
}
