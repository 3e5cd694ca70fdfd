// Executes every notebook headlessly with the handout runner (nbclient + tslab) and fails on any error output.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executeNotebook, findErrorOutputs, NotebookExecutionError, type NotebookOutput } from "../kernel-lib/src/jupyter";
import { CLAIM_FAILED } from "../kernel-lib/src/display/claim";
import { listNumberedNotebooks } from "../kernel-lib/src/handouts";
import { executedOnce, startFresh } from "./notebook-runs";

const ROOT = join(__dirname, "..");
const FIXTURES = join(__dirname, "fixtures");

/** Numbered notebooks, then homework source notebooks (student versions and submissions are the grader's business). */
function curriculumNotebooks(): string[] {
  const homework = join(ROOT, "notebooks", "homework");
  const walk = (dir: string): string[] => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return [];
    }
    return entries.sort().flatMap((n) => {
      const p = join(dir, n);
      if (/^(\.ipynb_checkpoints|student.*|submissions?|release|feedback)$/i.test(n)) return [];
      if (n.endsWith(".ipynb")) return /student|submission/i.test(n) ? [] : [p];
      return n.includes(".") ? [] : walk(p);
    });
  };
  return [...listNumberedNotebooks(join(ROOT, "notebooks")), ...walk(homework)];
}

const text = (o: NotebookOutput): string => (Array.isArray(o.text) ? o.text.join("") : o.text ?? "");

describe("notebook runner (executeNotebook)", function () {
  this.timeout(120_000);

  it("runs the smoke fixture in a fresh tslab kernel and keeps every output", async () => {
    const seen: string[] = [];
    const r = await executeNotebook(join(FIXTURES, "smoke.ipynb"), {
      cellTimeout: 60,
      onCell: (e) => seen.push(`${e.index}:${e.ms === undefined ? "start" : "done"}`),
    });
    assert.deepEqual(r.cells.map((c) => c.index), [1, 2, 3, 4]);
    assert.ok(r.cells.every((c) => c.error === undefined && c.ms >= 0));
    assert.deepEqual(seen, ["1:start", "1:done", "2:start", "2:done", "3:start", "3:done", "4:start", "4:done"]);
    const outs = r.notebook.cells.map((c) => c.outputs ?? []);
    assert.equal(text(outs[1][0]), "shape 2x2\n");
    assert.match(String((outs[2][0].data as Record<string, string[]>)["text/html"]), /<td>3<\/td><td>9<\/td>/);
    assert.equal(text(outs[3][0]), "10\n");
    assert.deepEqual(findErrorOutputs(r.notebook), []);
  });

  it("names the notebook, the cell, its first line and the error when a cell throws, and stops there", async () => {
    const err = await executeNotebook(join(FIXTURES, "failing.ipynb"), { cellTimeout: 60 }).then(
      () => assert.fail("failing.ipynb should have failed"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof NotebookExecutionError, String(err));
    assert.equal(err.cellIndex, 2);
    assert.match(err.message, /^failing\.ipynb: cell 3 \(code cell 2: `\/\/ the runner must name this cell`\) failed: Error: deliberate failure/);
    assert.deepEqual(err.result.cells.map((c) => c.index), [1, 2]);
    assert.equal(err.result.notebook.cells[3].outputs?.length ?? 0, 0, "the cell after the failure never ran");
    assert.equal(findErrorOutputs(err.result.notebook)[0].index, 2);
  });

  it("fails a cell that exceeds the per-cell timeout", async function () {
    const err = await executeNotebook(join(FIXTURES, "slow.ipynb"), { cellTimeout: 2 }).then(
      () => assert.fail("slow.ipynb should have timed out"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof NotebookExecutionError, String(err));
    assert.match(err.message, /slow\.ipynb: cell 2 .*CellTimeoutError: cell timed out after 2 s/);
  });
});

describe("a headless run beside a grader", function () {
  this.timeout(300_000);
  it("is not disturbed by another process hard-linking the library's files (a grader setting up its jails)", async () => {
    // a hard link changes the inode's link count, which tslab's file watchers would take for an edit
    const links = mkdtempSync(join(tmpdir(), "rnnlab-links-"));
    const loop = spawn("/bin/sh", ["-c", 'while :; do cp -al "$1/node_modules" "$1/kernel-lib/dist" "$2/" && rm -rf "$2"/*; done', "sh", ROOT, links], { stdio: "ignore", detached: true });
    const stopped = new Promise((res) => loop.on("exit", res));
    try {
      const r = await executeNotebook(join(ROOT, "notebooks", "02-bptt.ipynb"), { cellTimeout: 120 });
      assert.deepEqual(findErrorOutputs(r.notebook), []);
    } finally {
      process.kill(-loop.pid!, "SIGKILL"); // the shell and its cp
      await stopped;
      rmSync(links, { recursive: true, force: true, maxRetries: 5 });
    }
  });
});

describe("every notebook in notebooks/ executes without error outputs", function () {
  const notebooks = curriculumNotebooks();
  const numbered = new Set(listNumberedNotebooks(join(ROOT, "notebooks")));
  it(`found the curriculum notebooks (${notebooks.length} now)`, () => {
    assert.ok(Array.isArray(notebooks));
    for (const p of notebooks) assert.match(p, /\.ipynb$/);
  });
  for (const path of notebooks) {
    it(path.slice(ROOT.length + 1), async function () {
      this.timeout(1_800_000);
      // reproducible.test.ts compares this run with a fresh one: start that one now, on the other core
      if (numbered.has(path)) startFresh(path);
      const r = await executedOnce(path);
      const bad = findErrorOutputs(r.notebook);
      assert.equal(bad.length, 0, bad.map((b) => `cell ${b.index + 1} (\`${b.firstLine}\`) wrote ${b.kind}:\n${b.text}`).join("\n\n"));
      const failedClaims = r.notebook.cells.flatMap((c, i) => (c.outputs ?? [])
        .map((o) => [o.text, o.data?.["text/plain"]].map((t) => (Array.isArray(t) ? t.join("") : typeof t === "string" ? t : "")).join("\n"))
        .flatMap((t) => t.split("\n").filter((line) => line.includes(CLAIM_FAILED)).map((line) => `cell ${i + 1}: ${line}`)));
      assert.deepEqual(failedClaims, [], "a claim the notebook's prose makes did not hold in this run (rl.claim)");
    });
  }
  it("the notebooks check their claims with rl.checks (or rl.claim); a notebook converted to check cells has no rl.claim left", () => {
    const numbered = notebooks.filter((p) => /[\\/]\d\d-[^\\/]*\.ipynb$/.test(p));
    assert.ok(numbered.length > 0, "the numbered notebooks were found");
    const without = numbered.filter((p) => !/\brl\.(claim|checks)\(/.test(readFileSync(p, "utf8")));
    assert.deepEqual(without.map((p) => p.slice(ROOT.length + 1)), [], "every notebook states its claims as printed checks");
    const mixed = numbered.filter((p) => /\brl\.checks\(/.test(readFileSync(p, "utf8")) && /\brl\.claim\(/.test(readFileSync(p, "utf8")));
    assert.deepEqual(mixed.map((p) => p.slice(ROOT.length + 1)), [], "claims of a converted notebook belong in its check cells");
  });
  it("notebooks with check cells keep rl.checks in cells tagged checks or solution", () => {
    for (const p of notebooks.filter((q) => /[\\/]\d\d-[^\\/]*\.ipynb$/.test(q))) {
      const nb = JSON.parse(readFileSync(p, "utf8")) as { cells: { cell_type: string; source: string | string[]; metadata?: { tags?: string[] } }[] };
      nb.cells.forEach((c, i) => {
        const src = Array.isArray(c.source) ? c.source.join("") : c.source;
        if (c.cell_type !== "code" || !/\brl\.checks\(/.test(src)) return;
        const tags = c.metadata?.tags ?? [];
        assert.ok(tags.includes("checks") || tags.includes("solution"), `${p.slice(ROOT.length + 1)} cell ${i + 1} calls rl.checks but is tagged [${tags.join(", ")}]`);
      });
    }
  });
});

describe("every committed notebook is stored clean", () => {
  const all = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name.startsWith(".") ? [] : all(join(dir, e.name))) : e.name.endsWith(".ipynb") ? [join(dir, e.name)] : []);
  for (const path of all(join(ROOT, "notebooks"))) {
    it(`${path.slice(ROOT.length + 1)}: no outputs, no execution counts, and a unique id on every cell`, () => {
      // a cell without an id gets a random one from Jupyter on every run, and two runs then differ
      const nb = JSON.parse(readFileSync(path, "utf8")) as { nbformat_minor: number; cells: { id?: string; cell_type: string; outputs?: unknown[]; execution_count?: number | null }[] };
      assert.ok(nb.nbformat_minor >= 5, `nbformat 4.${nb.nbformat_minor} has no cell ids; expected 4.5 or later`);
      const missing = nb.cells.flatMap((c, i) => (typeof c.id === "string" && c.id !== "" ? [] : [i + 1]));
      assert.deepEqual(missing, [], "cells without an id (1-based)");
      const ids = nb.cells.map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length, "cell ids are unique");
      const dirty = nb.cells.flatMap((c, i) => (c.cell_type === "code" && ((c.outputs?.length ?? 0) > 0 || (c.execution_count ?? null) !== null) ? [i + 1] : []));
      assert.deepEqual(dirty, [], "code cells committed with outputs or an execution count (1-based)");
    });
  }
});
