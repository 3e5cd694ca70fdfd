// The library's modules import each other without cycles (scripts/import-cycles.ts), so the layers of DESIGN.md hold.
import assert from "node:assert/strict";
import { join } from "node:path";
import { importCycles } from "../scripts/import-cycles";

const ROOT = join(__dirname, "..", "kernel-lib", "src");
/** The numerical core and the seam (DESIGN.md): here even a cycle through `import type` alone is refused. */
const CORE = ["tensor", "backend", "fast", "cells", "seq", "layers", "losses", "optim", "train", "models", "autograd", "diagnostics", "interop"];

describe("kernel-lib/src has no import cycles", () => {
  it("no file reaches itself through the imports that load modules", () => {
    assert.deepEqual(importCycles(ROOT).map((c) => c.join(" ⇄ ")), []);
  });

  it("in the numerical core not even through type-only imports (the old unroll ⇄ sequence-kernel cycle was one)", () => {
    const core = importCycles(ROOT, { types: true }).filter((c) => c.some((f) => CORE.includes(f.split("/")[0])));
    assert.deepEqual(core.map((c) => c.join(" ⇄ ")), []);
  });
});
