// The library's modules import each other without cycles (scripts/import-cycles.ts), so the layers of DESIGN.md hold.
import assert from "node:assert/strict";
import { join } from "node:path";
import { importCycles } from "../scripts/import-cycles";

describe("kernel-lib/src has no import cycles", () => {
  it("no file reaches itself through its imports (type-only imports included)", () => {
    const cycles = importCycles(join(__dirname, "..", "kernel-lib", "src"));
    assert.deepEqual(cycles.map((c) => c.join(" ⇄ ")), []);
  });
});
