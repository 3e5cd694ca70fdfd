// Converts between .ipynb notebooks and a plain "percent" TypeScript text form (like jupytext), for authoring and review.
//
//   npx tsx scripts/nbpercent.ts to-ipynb notebooks/src/01.ts notebooks/01-rnn-forward.ipynb
//   npx tsx scripts/nbpercent.ts to-percent notebooks/01-rnn-forward.ipynb /tmp/01.ts
//
// Percent form: each cell starts with a marker line `// %%` (code) or `// %% [markdown]`, optionally followed by
// the cell's metadata as one-line JSON: `// %% {"nbgrader": {"grade": true, "grade_id": "x", "points": 2}}`.
// Markdown lines are written as `// ` comments. Outputs are never kept (notebooks are committed without outputs).
import { Command } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import { cellSource, parseNotebook, serializeNotebook, toSourceLines } from "../kernel-lib/src/nbformat/notebook";

interface Cell { cell_type: "code" | "markdown"; metadata: Record<string, unknown>; source: string[]; outputs?: unknown[]; execution_count?: null; id?: string }

const MARKER = /^\/\/ %%(?: \[(markdown)\])?(?: (\{.*\}))?\s*$/;

/** Percent text → nbformat 4.5 notebook JSON for the tslab kernel. */
export function percentToNotebook(text: string): object {
  const cells: Cell[] = [];
  let cur: { type: "code" | "markdown"; meta: Record<string, unknown>; lines: string[] } | null = null;
  const flush = () => {
    if (!cur) return;
    while (cur.lines.length && cur.lines[cur.lines.length - 1].trim() === "") cur.lines.pop();
    while (cur.lines.length && cur.lines[0].trim() === "") cur.lines.shift();
    const body = cur.type === "markdown" ? cur.lines.map((l) => l.replace(/^\/\/ ?/, "")) : cur.lines;
    const id = `cell-${String(cells.length).padStart(3, "0")}`;
    const cell: Cell = { cell_type: cur.type, id, metadata: cur.meta, source: toSourceLines(body.join("\n")) };
    if (cur.type === "code") Object.assign(cell, { execution_count: null, outputs: [] });
    cells.push(cell);
  };
  for (const line of text.split("\n")) {
    const m = MARKER.exec(line);
    if (m) {
      flush();
      cur = { type: m[1] ? "markdown" : "code", meta: m[2] ? JSON.parse(m[2]) : {}, lines: [] };
    } else if (cur) cur.lines.push(line);
    else if (line.trim() !== "") throw new Error(`nbpercent: text before the first "// %%" marker: ${line}`);
  }
  flush();
  return {
    cells,
    metadata: {
      kernelspec: { display_name: "TypeScript (rnnlab)", language: "typescript", name: "rnnlab" },
      language_info: { codemirror_mode: { mode: "typescript", name: "javascript", typescript: true }, file_extension: ".ts", mimetype: "text/typescript", name: "typescript", version: "5.0.4" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Notebook JSON → percent text (outputs dropped). */
export function notebookToPercent(nb: { cells: Cell[] }): string {
  return nb.cells.map((c) => {
    const meta = c.metadata && Object.keys(c.metadata).length ? " " + JSON.stringify(c.metadata) : "";
    const src = cellSource(c);
    if (c.cell_type === "markdown") return `// %% [markdown]${meta}\n` + src.split("\n").map((l) => (l ? `// ${l}` : "//")).join("\n") + "\n";
    return `// %%${meta}\n${src}\n`;
  }).join("\n");
}

if (require.main === module) {
  const program = new Command("nbpercent").description("convert notebooks to and from the percent text form").showHelpAfterError();
  program.command("to-ipynb <in.ts> <out.ipynb>").description("percent text → notebook (no outputs)")
    .action((from: string, to: string) => writeFileSync(to, serializeNotebook(percentToNotebook(readFileSync(from, "utf8")), { sortKeys: false })));
  program.command("to-percent <in.ipynb> <out.ts>").description("notebook → percent text (outputs dropped)")
    .action((from: string, to: string) => writeFileSync(to, notebookToPercent(parseNotebook(readFileSync(from, "utf8"), from) as { cells: Cell[] })));
  program.exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : 2)).parse();
}
