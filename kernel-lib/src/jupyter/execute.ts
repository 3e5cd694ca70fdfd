// Runs one notebook headlessly (nbclient + a fresh kernel, per-cell timeout) and reports each cell as it finishes.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { releaseTempDir, tempDir, trackChild } from "./cleanup";
import { cellSource, type NotebookCell, type NotebookJson } from "../nbformat/notebook";
import { RUN_NOTEBOOK_PY } from "./driver-py";
import { KERNEL_NAME } from "./kernelspec";
import { JUPYTER_PYTHON, findRepoRoot, jupyterEnv } from "./paths";

export type { NotebookJson, NotebookCell, NotebookOutput } from "../nbformat/notebook";

/** The error a cell raised: exception name, value and traceback text (ANSI colours removed). */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string;
}

/** What happened to one executed code cell: its index among all cells, wall time in ms, and its error if any. */
export interface CellReport {
  index: number;
  ms: number;
  error?: CellError;
}

export interface ExecuteOptions {
  /** Seconds one cell may run before the notebook fails (default 300). */
  cellTimeout?: number;
  /** Working directory of the kernel (default: the notebook's folder). */
  cwd?: string;
  /** Kernelspec name (default "rnnlab", found in the project JUPYTER_PATH). */
  kernelName?: string;
  /** Seconds to wait for the kernel to start (default 60). */
  startupTimeout?: number;
  /** Called when a code cell starts (`ms` absent) and when it finishes. */
  onCell?: (event: { index: number; ms?: number; error?: CellError; total: number }) => void;
}

/** The executed notebook, one report per executed code cell, and the total wall time in ms. */
export interface ExecuteResult {
  notebook: NotebookJson;
  cells: CellReport[];
  ms: number;
}

/** Raised when a cell fails: names the notebook, the cell (1-based, as Jupyter shows it), its first line and the error. */
export class NotebookExecutionError extends Error {
  constructor(
    readonly notebookPath: string,
    readonly cellIndex: number | null,
    readonly firstLine: string,
    readonly cellError: CellError,
    readonly result: ExecuteResult,
  ) {
    const code = cellIndex === null ? 0 : result.notebook.cells.slice(0, cellIndex + 1).filter((c) => c.cell_type === "code").length;
    const where = cellIndex === null ? "before any cell ran" : `cell ${cellIndex + 1} (code cell ${code}: \`${firstLine}\`)`;
    const tb = cellError.traceback.trim();
    super(`${basename(notebookPath)}: ${where} failed: ${cellError.ename}: ${cellError.evalue}${tb ? `\n${tb}` : ""}`);
    this.name = "NotebookExecutionError";
  }
}

/** The first non-empty line of a cell's source (what error messages quote). */
export function firstSourceLine(cell: NotebookCell | undefined): string {
  if (!cell) return "";
  return cellSource(cell).split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
function clean(e: CellError): CellError {
  return { ename: e.ename, evalue: (e.evalue ?? "").replace(ANSI, ""), traceback: (e.traceback ?? "").replace(ANSI, "") };
}

/**
 * The environment of a headless run: {@link jupyterEnv}, and the kernel (tslab, a Node process) preloads
 * `kernel-no-watch.js` from the built library when it is there (see that file: another process's hard links to the
 * library must not fail a cell).
 */
function headlessEnv(root: string): NodeJS.ProcessEnv {
  const env = jupyterEnv(root);
  const noWatch = join(root, "kernel-lib", "dist", "jupyter", "kernel-no-watch.js");
  if (existsSync(noWatch)) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(noWatch)}`.trim();
  return env;
}

/**
 * Executes a notebook headlessly: Debian's python runs nbclient with a fresh kernel (`tslab` from the project
 * JUPYTER_PATH), cell by cell, each within `cellTimeout` seconds; progress streams back per cell.
 * Rejects with a `NotebookExecutionError` naming notebook, cell, first source line and error on the first failing cell.
 * @param path the .ipynb file
 * @example const { notebook, cells } = await executeNotebook("notebooks/01-rnn.ipynb", { cellTimeout: 120 });
 */
export async function executeNotebook(path: string, opts: ExecuteOptions = {}): Promise<ExecuteResult> {
  const input = resolve(path);
  const source = JSON.parse(readFileSync(input, "utf8")) as NotebookJson;
  const total = source.cells.filter((c) => c.cell_type === "code" && cellSource(c).trim() !== "").length;
  const work = tempDir("rnnlab-nb-");
  const output = join(work, "executed.ipynb");
  const spec = {
    input, output,
    kernel_name: opts.kernelName ?? KERNEL_NAME,
    cwd: resolve(opts.cwd ?? dirname(input)),
    timeout: opts.cellTimeout ?? 300,
    startup_timeout: opts.startupTimeout ?? 60,
  };
  writeFileSync(join(work, "spec.json"), JSON.stringify(spec));
  writeFileSync(join(work, "run_notebook.py"), RUN_NOTEBOOK_PY);
  const started = Date.now();
  const cells: CellReport[] = [];
  let failure: (CellError & { index: number | null }) | null = null;
  let done = false;
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((res, rej) => {
      const child = trackChild(spawn(JUPYTER_PYTHON, [join(work, "run_notebook.py"), join(work, "spec.json")], {
        cwd: spec.cwd, env: headlessEnv(findRepoRoot()), stdio: ["ignore", "pipe", "pipe"],
      }));
      let buf = "";
      let err = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          let ev: { event: string; index: number; ms?: number; error?: (CellError & { index: number | null }) | null };
          try {
            ev = JSON.parse(line);
          } catch {
            continue; // a stray line from a library, not an event
          }
          if (ev.event === "start") opts.onCell?.({ index: ev.index, total });
          else if (ev.event === "cell") {
            const report: CellReport = { index: ev.index, ms: ev.ms ?? 0 };
            if (ev.error) report.error = clean(ev.error);
            cells.push(report);
            opts.onCell?.({ ...report, total });
          } else if (ev.event === "done") {
            done = true;
            if (ev.error) failure = { ...clean(ev.error), index: ev.error.index };
          }
        }
      });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        err = (err + chunk).slice(-20000);
      });
      child.on("error", rej);
      child.on("close", (c) => res({ code: c, stderr: err }));
    });
    if (!done || code !== 0) {
      throw new Error(`executeNotebook: ${JUPYTER_PYTHON} exited with ${code} on ${path}\n${stderr.trim()}`);
    }
    const notebook = JSON.parse(readFileSync(output, "utf8")) as NotebookJson;
    const result: ExecuteResult = { notebook, cells, ms: Date.now() - started };
    const f = failure as (CellError & { index: number | null }) | null;
    if (f) {
      const idx = f.index;
      throw new NotebookExecutionError(input, idx, idx === null ? "" : firstSourceLine(notebook.cells[idx]), f, result);
    }
    return result;
  } finally {
    releaseTempDir(work);
  }
}
