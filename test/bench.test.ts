// `npm run bench` keeps working: a tiny run prints the table with both peers and their ratio (no speed is asserted: speed is measured, never tested).
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..");

describe("bench (smoke run, no timing assertions)", () => {
  it("runs rnnlab (float64 and float32 matmuls) and TensorFlow.js on W4, prints steps/s and the ratio, and writes --json", function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), "rnnlab-bench-"));
    try {
      const json = join(dir, "bench.json");
      const out = execFileSync(process.execPath, ["--import", "tsx", "bench/bench.ts", "--quick", "--only", "W4", "--peers", "rnnlab,rnnlab-f32,tfjs-cpu", "--json", json], { cwd: root, encoding: "utf8" });
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
