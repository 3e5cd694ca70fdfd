// Tests of the handout views: solutions removed for students, checks cells folded for HTML.
import { strict as assert } from "assert";
import type { NotebookJson } from "../jupyter";
import { collapseChecks, foldChecks, withoutSolutions } from "./fold";

const nb = (): NotebookJson => ({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: [
    { cell_type: "markdown", metadata: {}, source: "## Exercises" },
    { cell_type: "markdown", metadata: { tags: ["solution"] }, source: "### Solution 1" },
    { cell_type: "code", metadata: { tags: ["solution"] }, source: "rl.checks('x', [])", outputs: [], execution_count: null },
    { cell_type: "code", metadata: { tags: ["checks"] }, source: ["rl.checks('§1', [\n", "  ['a < b', true]])"], outputs: [{ output_type: "display_data", metadata: {}, data: { "text/plain": "t" } }], execution_count: 3 },
  ],
});

describe("handout views (fold.ts)", () => {
  it("withoutSolutions drops every cell tagged solution and leaves the input alone", () => {
    const input = nb();
    const s = withoutSolutions(input);
    assert.deepEqual(s.cells.map((c) => c.source), ["## Exercises", input.cells[3].source]);
    assert.equal(input.cells.length, 4);
  });
  it("foldChecks puts the checks code in a <details> output before the table and marks the source hidden", () => {
    const f = foldChecks(nb());
    const c = f.cells[3];
    assert.equal(c.outputs?.length, 2);
    const html = String(c.outputs?.[0].data?.["text/html"]);
    assert.match(html, /^<details class="rnnlab-checks-code"><summary>/);
    assert.ok(html.includes("['a &lt; b', true]]"));
    assert.deepEqual(c.metadata.jupyter, { source_hidden: true });
    assert.equal(f.cells[2].outputs?.length, 0, "other cells are untouched");
  });
  it("collapseChecks only marks checks cells", () => {
    const c = collapseChecks(nb());
    assert.deepEqual(c.cells.map((x) => Boolean((x.metadata as { jupyter?: unknown }).jupyter)), [false, false, false, true]);
  });
});
