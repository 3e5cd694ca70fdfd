// Two headless runs of a notebook give byte-identical normalized notebooks (outputs, execution counts, metadata).
import assert from "node:assert/strict";
import { join } from "node:path";
import { normalizeNotebook, serializeNotebook, type NotebookJson } from "../kernel-lib/src/jupyter";
import { listNumberedNotebooks } from "../kernel-lib/src/handouts";
import { executedFresh, executedOnce } from "./notebook-runs";

const ROOT = join(__dirname, "..");

/** The first line where two texts differ, for a readable failure. */
function firstDifference(a: string, b: string): string {
  const la = a.split("\n");
  const lb = b.split("\n");
  const i = la.findIndex((line, k) => line !== lb[k]);
  return i < 0 ? "(lengths differ)" : `line ${i + 1}:\n  run 1: ${la[i]}\n  run 2: ${lb[i]}`;
}

describe("normalizeNotebook", () => {
  it("drops execution timestamps and timing metadata but keeps outputs and execution counts", () => {
    const nb: NotebookJson = {
      nbformat: 4, nbformat_minor: 4,
      metadata: { kernelspec: { name: "rnnlab" }, papermill: { duration: 1.2 } },
      cells: [{
        cell_type: "code", execution_count: 1, source: "1",
        metadata: { execution: { "iopub.status.busy": "2024-01-01T00:00:00Z" }, ExecuteTime: { end_time: "x" }, tags: ["keep"] },
        outputs: [{ output_type: "stream", name: "stdout", text: "1\n" }],
      }],
    };
    const n = normalizeNotebook(nb);
    assert.deepEqual(n.metadata, { kernelspec: { name: "rnnlab" } });
    assert.deepEqual(n.cells[0].metadata, { tags: ["keep"] });
    assert.equal(n.cells[0].execution_count, 1);
    assert.deepEqual(n.cells[0].outputs, nb.cells[0].outputs);
    assert.ok("execution" in nb.cells[0].metadata, "the input is not modified");
    assert.equal(serializeNotebook(n), serializeNotebook(normalizeNotebook(JSON.parse(serializeNotebook(n)))));
  });
});

describe("normalizeNotebook({maskWallclock})", () => {
  it("masks only outputs marked as wall-clock measurements, and only when asked", () => {
    const nb: NotebookJson = {
      nbformat: 4, nbformat_minor: 4, metadata: {},
      cells: [{
        cell_type: "code", execution_count: 1, source: "", metadata: {},
        outputs: [
          { output_type: "display_data", metadata: {}, data: { "text/html": '<table class="rnnlab-table rnnlab-wallclock"><tr><td>1.23</td></tr></table>', "text/plain": "[wall-clock]\n1.23" } },
          { output_type: "stream", name: "stdout", text: "[wall-clock]\nepoch took 0.5 s\n" },
          { output_type: "stream", name: "stdout", text: "accuracy 0.91 (wall-clock times are in the table above)\n" },
        ],
      }],
    };
    const masked = normalizeNotebook(nb, { maskWallclock: true }).cells[0].outputs!;
    assert.deepEqual(masked.slice(0, 2).map((o) => o.output_type), ["display_data", "stream"]);
    assert.ok(masked.slice(0, 2).every((o) => !JSON.stringify(o).includes("1.23") && !JSON.stringify(o).includes("0.5 s")));
    assert.deepEqual(masked[2], nb.cells[0].outputs![2], "an output that only mentions wall-clock in prose is kept");
    assert.deepEqual(normalizeNotebook(nb).cells[0].outputs, nb.cells[0].outputs, "handouts keep their timings");
  });
});

describe("two runs produce identical notebooks (every numbered notebook; wall-clock tables masked)", function () {
  this.timeout(1_800_000);
  const targets = [join(__dirname, "fixtures", "smoke.ipynb"), ...listNumberedNotebooks(join(ROOT, "notebooks"))];
  for (const path of targets) {
    it(path.slice(ROOT.length + 1), async () => {
      // the first run is the one notebooks.test.ts checked when both files run in one process (else both start here)
      const text = async (r: ReturnType<typeof executedOnce>) => serializeNotebook(normalizeNotebook((await r).notebook, { maskWallclock: true }));
      const [a, b] = await Promise.all([text(executedOnce(path)), text(executedFresh(path))]);
      assert.match(a, /"output_type": "stream"/, "the runs produced outputs");
      assert.ok(a === b, `the runs differ at ${firstDifference(a, b)}`);
    });
  }
});
