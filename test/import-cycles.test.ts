// The library's modules import each other without cycles (scripts/import-cycles.ts), so the layers of DESIGN.md hold.
import assert from "node:assert/strict";
import { join } from "node:path";
import { importCycles } from "../scripts/import-cycles";

const ROOT = join(__dirname, "..", "kernel-lib", "src");

describe("kernel-lib/src has no import cycles", () => {
  it("no file reaches itself through the imports that load modules", () => {
    assert.deepEqual(importCycles(ROOT).map((c) => c.join(" ⇄ ")), []);
  });

  it("not even through type-only imports (the old unroll ⇄ sequence-kernel and grade ⇄ store cycles were such)", () => {
    assert.deepEqual(importCycles(ROOT, { types: true }).map((c) => c.join(" ⇄ ")), []);
  });
});
