// Two headless runs of a notebook give byte-identical normalized notebooks (outputs, execution counts, metadata).
import assert from "node:assert/strict";
import { join } from "node:path";
import { executeNotebook, normalizeNotebook, serializeNotebook, type NotebookJson } from "../kernel-lib/src/jupyter";
import { listNumberedNotebooks } from "../kernel-lib/src/handouts";

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
      metadata: { kernelspec: { name: "tslab" }, papermill: { duration: 1.2 } },
      cells: [{
        cell_type: "code", execution_count: 1, source: "1",
        metadata: { execution: { "iopub.status.busy": "2024-01-01T00:00:00Z" }, ExecuteTime: { end_time: "x" }, tags: ["keep"] },
        outputs: [{ output_type: "stream", name: "stdout", text: "1\n" }],
      }],
    };
    const n = normalizeNotebook(nb);
    assert.deepEqual(n.metadata, { kernelspec: { name: "tslab" } });
    assert.deepEqual(n.cells[0].metadata, { tags: ["keep"] });
    assert.equal(n.cells[0].execution_count, 1);
    assert.deepEqual(n.cells[0].outputs, nb.cells[0].outputs);
    assert.ok("execution" in nb.cells[0].metadata, "the input is not modified");
    assert.equal(serializeNotebook(n), serializeNotebook(normalizeNotebook(JSON.parse(serializeNotebook(n)))));
  });
});

describe("two runs produce identical notebooks", function () {
  this.timeout(600_000);
  const first = listNumberedNotebooks(join(ROOT, "notebooks"))[0];
  const targets = [join(__dirname, "fixtures", "smoke.ipynb"), ...(first ? [first] : [])];
  for (const path of targets) {
    it(path.slice(ROOT.length + 1), async () => {
      const a = serializeNotebook(normalizeNotebook((await executeNotebook(path, { cellTimeout: 300 })).notebook));
      const b = serializeNotebook(normalizeNotebook((await executeNotebook(path, { cellTimeout: 300 })).notebook));
      assert.match(a, /"output_type": "stream"/, "the runs produced outputs");
      assert.ok(a === b, `the runs differ at ${firstDifference(a, b)}`);
    });
  }
});
