// The speed tables of docs/speed.md are the stored bench runs (docs/bench/*.json, written by `npm run bench -- --json`)
// rendered by bench/side-by-side.ts: a figure on the page is one a run wrote, with the CPU and ISA it ran on.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readRuns, renderPage, runLabel } from "../bench/side-by-side";

const ROOT = join(__dirname, "..");

describe("docs/speed.md tables (from the stored bench runs)", () => {
  const page = readFileSync(join(ROOT, "docs", "speed.md"), "utf8");
  const blocks = [...page.matchAll(/<!-- bench-(table|gemm|goals): ([^>]+?) -->/g)].map((m) => `${m[1]}: ${m[2].trim()}`);

  it("has the AVX2 and AVX-512 runs side by side (steps and products), the goals, and the WebAssembly-only run", () => {
    for (const want of [
      "table: docs/bench/avx2.json docs/bench/avx512f.json",
      "gemm: docs/bench/avx2.json docs/bench/avx512f.json",
      "goals: docs/bench/avx2.json docs/bench/avx512f.json docs/bench/webassembly.json",
      "table: docs/bench/webassembly.json",
    ]) assert.ok(blocks.includes(want), `no "${want}" block among: ${blocks.join("; ")}`);
  });

  it("shows what its runs render (re-render: node --import tsx bench/side-by-side.ts --update docs/speed.md)", () => {
    assert.equal(renderPage(page, ROOT), page);
  });

  it("each stored run names its machine and the vectors it ran, as its file name says", () => {
    const want: Record<string, string> = { "avx2.json": "AVX2", "avx512f.json": "AVX-512", "webassembly.json": "WebAssembly only" };
    for (const [file, label] of Object.entries(want)) {
      const [run] = readRuns(ROOT, [`docs/bench/${file}`]);
      assert.match(run.machine, /\d+ cores/, `${file} names its machine`);
      assert.equal(runLabel(run), label, file);
    }
  });
});
