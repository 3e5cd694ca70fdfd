// Turns an executed notebook into handout files: a trusted .ipynb, standalone HTML (nbconvert), PDF (Chromium).
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { JUPYTER_PYTHON, jupyterEnv } from "../jupyter";
import { releaseTempDir, tempDir, trackChild } from "../jupyter/cleanup";

/** Chromium from Debian (playwright cannot download browsers here). */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags that keep headless Chromium offline, quiet and runnable as root. */
export const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run",
];

/** Runs a command, resolving with its output; rejects naming the command when it fails or exceeds `timeoutMs`. */
export function runCommand(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((res, rej) => {
    const child = trackChild(spawn(cmd, args, { env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] }));
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out = (out + c).slice(-20000)));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (out = (out + c).slice(-20000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 300_000);
    child.on("error", (e) => { clearTimeout(timer); rej(e); });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) res(out);
      else rej(new Error(`${basename(cmd)} ${args.slice(0, 3).join(" ")} … failed (${signal ?? `exit ${code}`}):\n${out.trim()}`));
    });
  });
}

/**
 * Marks a notebook as trusted for this user (`jupyter trust`), so classic Notebook shows its HTML and scripts.
 * @param ipynb path of the notebook, signed as it is on disk
 */
export async function trustNotebook(ipynb: string): Promise<void> {
  await runCommand(JUPYTER_PYTHON, ["-m", "nbformat.sign", resolve(ipynb)], { env: jupyterEnv(), timeoutMs: 60_000 });
}

/**
 * Exports a notebook to standalone HTML with nbconvert (images embedded; MathJax from file:///usr/share/javascript).
 * @param extraArgs more nbconvert arguments (e.g. fold.ts's FOLD_NBCONVERT_ARGS)
 * @returns the path of the written `.html` (beside the name of the notebook, in `outDir`)
 */
export async function exportHtml(ipynb: string, outDir: string, extraArgs: string[] = []): Promise<string> {
  const name = basename(ipynb).replace(/\.ipynb$/, "");
  await runCommand(JUPYTER_PYTHON, [
    "-m", "nbconvert", "--to", "html", "--HTMLExporter.embed_images=True", ...extraArgs,
    "--output-dir", resolve(outDir), "--output", name, resolve(ipynb),
  ], { env: jupyterEnv(), timeoutMs: 120_000 });
  const out = join(resolve(outDir), `${name}.html`);
  writeFileSync(out, readFileSync(out, "utf8").replace("</head>", `${PRINT_CSS}</head>`));
  return out;
}

/**
 * Paper has no horizontal scroll bar: in print, long code lines and wide outputs wrap instead of being cut off, figures and tables
 * are not split across pages, a heading never ends a page (Chromium carries a last heading's break-after out to its
 * markdown cell, so it stays with the next cell too), check cells show only their table and interactive figures their
 * static stand-in.
 * On screen, long code lines wrap inside the cell instead of running off its right edge.
 */
const PRINT_CSS = `<style media="print">
  @page { margin: 12mm; }
  pre, .highlight pre, .output_text pre { white-space: pre-wrap !important; overflow-wrap: anywhere; }
  .jp-InputArea-editor pre, .highlight pre, .jp-RenderedText pre, div.input_area pre, div.output_text pre { font-size: 10px !important; line-height: 1.3 !important; }
  .jp-InputArea-editor, .input_area, div.output_area { overflow: visible !important; }
  img { max-width: 100% !important; height: auto; }
  img, svg, table, .rnnlab-plotly, .rnnlab-checks { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  .rnnlab-checks-code { display: none !important; }
  .rnnlab-plotly .rnnlab-live { display: none !important; }
  .rnnlab-plotly .rnnlab-fallback { display: block !important; }
</style>
<style>
  .input_area .highlight pre, .jp-InputArea-editor pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  details.rnnlab-checks-code summary { cursor: pointer; color: #666; font-size: 90%; }
  details.rnnlab-checks-code pre { font-size: 85%; background: #f7f7f7; color: #222; padding: 4px 8px; white-space: pre-wrap; }
</style>`;

/**
 * Prints an HTML file to PDF with headless Chromium; a virtual-time budget lets MathJax and plotly finish first.
 * @param budgetMs virtual milliseconds the page may use before printing (default 10000)
 */
export async function printPdf(html: string, pdf: string, budgetMs = 10_000): Promise<string> {
  const profile = tempDir("rnnlab-chromium-");
  try {
    await runCommand(CHROMIUM, [
      ...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, `--virtual-time-budget=${budgetMs}`,
      "--no-pdf-header-footer", `--print-to-pdf=${resolve(pdf)}`, pathToFileURL(resolve(html)).href,
    ], { timeoutMs: 180_000 });
  } finally {
    releaseTempDir(profile);
  }
  return resolve(pdf);
}
