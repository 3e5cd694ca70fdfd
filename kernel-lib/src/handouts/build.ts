// Builds the handouts: executes every numbered notebook in a fresh kernel and writes .ipynb, HTML, PDF and an index.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { cellSource, executeNotebook, findRepoRoot, normalizeNotebook, serializeNotebook, type CellError, type NotebookJson } from "../jupyter";
import { releaseTempDir, tempDir, trackDir } from "../jupyter/cleanup";
import { exportHtml, printPdf, trustNotebook } from "./export";
import { collapseChecks, FOLD_NBCONVERT_ARGS, foldChecks, withoutSolutions } from "./fold";
import { notebookTitle, type HandoutEntry } from "./index-page";
import { clearBuildMarker, commitHandout, removeStaleStaging, stagingDir, writeBuildMarker, writeIndex } from "./store";

/** Progress events of a handout build, for a terminal display. */
export type HandoutEvent =
  | { kind: "plan"; notebooks: { name: string; codeCells: number }[] }
  | { kind: "notebook-start"; name: string; codeCells: number }
  | { kind: "cell"; name: string; index: number; done: boolean; ms?: number; error?: CellError; total: number }
  | { kind: "stage"; name: string; stage: "html" | "pdf" }
  | { kind: "notebook-done"; name: string; ms: number }
  | { kind: "notebook-failed"; name: string; message: string };

export interface HandoutOptions {
  /** Repository root (default: found from this file). */
  root?: string;
  /** Folder of the notebooks (default `<root>/notebooks`). */
  notebooksDir?: string;
  /** Output folder (default `<root>/handouts`). */
  outDir?: string;
  /** Prefixes to keep, e.g. ["03"] for `--only 03`. */
  only?: string[];
  /** Write PDFs (default true). */
  pdf?: boolean;
  /** Notebooks executed at once (default 1). */
  jobs?: number;
  /**
   * Instructors' handouts: keep the cells tagged `solution` (default false: the student handout leaves them out,
   * and they are not executed). `npm run handouts -- --solutions` writes these to `<out>/solutions/`.
   */
  solutions?: boolean;
  /** Seconds per cell (default 300). */
  cellTimeout?: number;
  onEvent?: (e: HandoutEvent) => void;
  /**
   * A run of this notebook made already (the tests pass the run they checked, so a notebook is not executed once more
   * only to be printed); its solution cells are dropped unless `solutions` is set. Default: execute here.
   */
  executed?: ReturnType<typeof executeNotebook>;
}

/** The numbered notebooks `NN-*.ipynb` of a folder, then the appendices `A1-*.ipynb`, …, sorted by name. */
export function listNumberedNotebooks(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => /^(\d\d|A\d)-.*\.ipynb$/.test(n)).sort().map((n) => join(dir, n));
}

/** Keeps the notebooks whose file name starts with one of `prefixes` (all when none given). */
export function selectNotebooks(paths: string[], prefixes: string[] = []): string[] {
  if (prefixes.length === 0) return paths;
  return paths.filter((p) => prefixes.some((pre) => (p.split("/").pop() ?? "").startsWith(pre)));
}

/** The number of non-empty code cells of a notebook file (what the runner executes). */
export function countCodeCells(ipynb: string, opts: { solutions?: boolean } = {}): number {
  let nb = JSON.parse(readFileSync(ipynb, "utf8")) as NotebookJson;
  if (!opts.solutions) nb = withoutSolutions(nb);
  return nb.cells.filter((c) => c.cell_type === "code" && cellSource(c).trim() !== "").length;
}

/**
 * Executes one notebook and writes `<name>.ipynb` (normalized, trusted), `<name>.html` and, when asked, `<name>.pdf`:
 * first into a staging folder, then renamed into `outDir` with a `<name>.built.json` marker last (see store.ts), so a
 * build killed at any point never leaves a new file beside old ones. The kernel runs in the notebook's own folder.
 */
export async function buildHandout(ipynb: string, outDir: string, opts: HandoutOptions = {}): Promise<HandoutEntry> {
  const name = (ipynb.split("/").pop() ?? ipynb).replace(/\.ipynb$/, "");
  const emit = opts.onEvent ?? (() => undefined);
  let started = false;
  // the student version is executed without the solution cells (in a scratch copy; the kernel still runs in the notebook's folder)
  const scratch = tempDir("rnnlab-handout-");
  let stage: string | undefined;
  try {
    let source = ipynb;
    if (!opts.solutions) {
      source = join(scratch, basename(ipynb));
      writeFileSync(source, serializeNotebook(withoutSolutions(JSON.parse(readFileSync(ipynb, "utf8")))));
    }
    const result = opts.executed ? await reuseRun(opts.executed, opts.solutions === true) : await executeNotebook(source, {
      cwd: dirname(resolve(ipynb)),
      cellTimeout: opts.cellTimeout ?? 300,
      onCell: (e) => {
        if (!started) {
          started = true;
          emit({ kind: "notebook-start", name, codeCells: e.total });
        }
        emit({ kind: "cell", name, index: e.index, done: e.ms !== undefined, ms: e.ms, error: e.error, total: e.total });
      },
    });
    mkdirSync(outDir, { recursive: true });
    stage = trackDir(stagingDir(outDir, name));
    const nb = normalizeNotebook(result.notebook);
    const out = join(stage, `${name}.ipynb`);
    writeFileSync(out, serializeNotebook(collapseChecks(nb)));
    await trustNotebook(out);
    emit({ kind: "stage", name, stage: "html" });
    // the HTML (and the PDF printed from it) shows each checks cell's table, its code folded (hidden on paper)
    const folded = join(scratch, "folded", `${name}.ipynb`);
    mkdirSync(dirname(folded), { recursive: true });
    writeFileSync(folded, serializeNotebook(foldChecks(nb)));
    const html = await exportHtml(folded, stage, FOLD_NBCONVERT_ARGS);
    const pdf = opts.pdf ?? true;
    if (pdf) {
      emit({ kind: "stage", name, stage: "pdf" });
      await printPdf(html, join(stage, `${name}.pdf`));
    }
    const entry = { name, title: notebookTitle(nb, name), ms: result.ms, codeCells: result.cells.length, pdf };
    commitHandout(outDir, stage, entry);
    emit({ kind: "notebook-done", name, ms: result.ms });
    return entry;
  } finally {
    releaseTempDir(scratch);
    if (stage) releaseTempDir(stage);
  }
}

/** A finished run, its solution cells dropped unless they are wanted. */
async function reuseRun(run: ReturnType<typeof executeNotebook>, solutions: boolean): ReturnType<typeof executeNotebook> {
  const r = await run;
  return solutions ? r : { ...r, notebook: withoutSolutions(r.notebook) };
}

/**
 * Builds every selected numbered notebook (at most `jobs` at a time), then rewrites the index page from every complete
 * notebook in `outDir` (so `only: ["03"]` keeps the others listed) and writes `build.json` (removed while building).
 * Rejects with the first failure (its message names notebook, cell and error).
 */
export async function buildHandouts(opts: HandoutOptions = {}): Promise<HandoutEntry[]> {
  const root = opts.root ?? findRepoRoot();
  const outDir = resolve(opts.outDir ?? join(root, "handouts"));
  const notebooks = selectNotebooks(listNumberedNotebooks(opts.notebooksDir ?? join(root, "notebooks")), opts.only);
  if (notebooks.length === 0) {
    throw new Error(`buildHandouts: no numbered notebooks (NN-*.ipynb)${opts.only?.length ? ` matching ${opts.only.join(", ")}` : ""} in ${opts.notebooksDir ?? join(root, "notebooks")}`);
  }
  mkdirSync(outDir, { recursive: true });
  removeStaleStaging(outDir);
  clearBuildMarker(outDir);
  const plan = notebooks.map((p) => ({ name: basename(p).replace(/\.ipynb$/, ""), codeCells: countCodeCells(p, { solutions: opts.solutions }) }));
  opts.onEvent?.({ kind: "plan", notebooks: plan });
  const entries: (HandoutEntry | undefined)[] = new Array(notebooks.length);
  const failed: { name: string; message: string }[] = [];
  const failures: Error[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < notebooks.length && failures.length === 0) {
      const i = next++;
      try {
        entries[i] = await buildHandout(notebooks[i], outDir, opts);
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        const name = basename(notebooks[i]).replace(/\.ipynb$/, "");
        opts.onEvent?.({ kind: "notebook-failed", name, message: err.message });
        failed.push({ name, message: err.message.split("\n")[0] });
        failures.push(err);
      }
    }
  };
  const jobs = Math.max(1, Math.min(opts.jobs ?? 1, notebooks.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  const built = entries.filter((e): e is HandoutEntry => e !== undefined);
  const listed = writeIndex(outDir);
  writeBuildMarker(outDir, {
    status: failures.length ? "failed" : "complete", finished: new Date().toISOString(),
    built: built.map((e) => e.name), failed, listed: listed.map((e) => e.name),
  });
  if (failures.length > 0) throw failures[0];
  return built;
}
