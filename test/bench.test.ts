// `npm run bench` keeps working: a tiny run prints the table with both peers and their ratio (no speed is asserted: speed is measured, never tested).
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..");

describe("bench (smoke run, no timing assertions)", () => {
  it("runs rnnlab (float64 and float32 matmuls) and TensorFlow.js on W4, prints steps/s and the ratio, every product native against WebAssembly, and writes --json", function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), "rnnlab-bench-"));
    try {
      const json = join(dir, "bench.json");
      const run = spawnSync(process.execPath, ["--import", "tsx", "bench/bench.ts", "--quick", "--only", "W4", "--peers", "rnnlab,rnnlab-f32,tfjs-cpu", "--json", json], { cwd: root, encoding: "utf8" });
      const out = run.stdout;
      // the run exits 1 only when a native product measured slower than WebAssembly (a timing, which a loaded machine can
      // produce): it then says so on a line of its own; any other failure fails the test
      const loss = /^!!! NATIVE LOSES to the kernel it replaces: /m.test(out);
      assert.equal(run.status, loss ? 1 : 0, `bench exited ${run.status}:\n${run.stderr}`);
      // the per-product comparison: native (where built), WebAssembly and naive GFLOP/s, every case in both precisions
      const products = out.split("\n").filter((l) => l.startsWith("gemm float"));
      assert.equal(products.length, 10, `10 product lines:\n${out}`);
      assert.match(products[0], /^gemm float64 NT z=h·Whhᵀ .*WebAssembly [0-9.]+, naive [0-9.]+$/);
      assert.ok(JSON.parse(readFileSync(json, "utf8")).gemmCheck.length === 10, "--json keeps the product rates");
      const row = out.split("\n").find((l) => l.startsWith("| W4"));
      assert.ok(row, `no W4 row in:\n${out}`);
      const cells = row.split("|").map((c) => c.trim());
      assert.ok(Number(cells[2]) > 0 && Number(cells[3]) > 0 && Number(cells[5]) > 0, `rnnlab (float64, float32) and tfjs-cpu steps/s are positive numbers: ${row}`);
      assert.match(cells[8], /^[0-9.]+×$/, `the rnnlab / best tfjs ratio is printed: ${row}`);
      assert.match(cells[9], /^[0-9.]+×$/, `the rnnlab f32 / best tfjs ratio is printed: ${row}`);
      assert.ok(readFileSync(json, "utf8").length > 10, "--json wrote the figures");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
