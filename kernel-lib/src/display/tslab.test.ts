// Tests of the tslab bridge and live progress against a fake tslab writer registered in require.cache.
import { strict as assert } from "assert";
import { tensor } from "../tensor";
import { liveProgress, progressBundle, progressLine } from "./progress";
import { resetPlotlyInline } from "./plotly";
import { inNotebook, markdown, newOutput, show, showTable } from "./tslab";

type Sent = { data: Record<string, unknown>; transient: { display_id?: string }; update: boolean };
const FAKE = "/fake/node_modules/tslab/dist/jupyter.js";

/** Registers a fake `tslab/dist/jupyter.js` whose `lastWriteDisplayData` records every output. */
function withFakeKernel(body: (sent: Sent[]) => void): void {
  const sent: Sent[] = [];
  const exports = { lastWriteDisplayData: (d: Omit<Sent, "update">, update: boolean) => sent.push({ ...d, update }) };
  (require.cache as Record<string, unknown>)[FAKE] = { id: FAKE, filename: FAKE, loaded: true, exports };
  try {
    body(sent);
  } finally {
    delete require.cache[FAKE];
  }
}

/** Captures console.log and stderr writes while `body` runs. */
function captureOutput(body: () => void): string {
  const log = console.log;
  const err = process.stderr.write;
  let out = "";
  console.log = (...a: unknown[]) => { out += a.join(" ") + "\n"; };
  process.stderr.write = ((s: string) => { out += s; return true; }) as typeof process.stderr.write;
  try {
    body();
  } finally {
    console.log = log;
    process.stderr.write = err;
  }
  return out;
}

describe("tslab bridge", () => {
  it("show/markdown/showTable print text and do not throw outside a kernel", () => {
    assert.equal(inNotebook(), false);
    const out = captureOutput(() => {
      show("<svg><text aria-label=\"title\">T</text></svg>");
      markdown("$x_t$");
      showTable([{ a: 1 }]);
      newOutput().update({ "text/plain": "ignored" });
    });
    assert.match(out, /\[figure: T\]\n\$x_t\$\na\n1\n/);
  });

  it("show dispatches SVG, Tensor, plotly spec, rows and bundles to one multi-MIME output each", () => {
    withFakeKernel((sent) => {
      assert.equal(inNotebook(), true);
      show("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
      show(tensor([[1, 2], [3, 4]]));
      show({ data: [{ type: "scatter", x: [1], y: [1] }], layout: {} });
      show([{ model: "LSTM", acc: 0.9 }]);
      show({ "text/html": "<b>x</b>" });
      show(3);
      assert.deepEqual(sent.map((s) => Object.keys(s.data).sort().join(",")), [
        "text/html,text/plain",
        "text/html,text/plain",
        "application/vnd.plotly.v1+json,text/html,text/plain",
        "text/html,text/plain",
        "text/html",
        "text/plain",
      ]);
      assert.match(sent[1].data["text/html"] as string, /Tensor\[2, 2\].*<td style="text-align:right">4<\/td>/);
      assert.ok(sent.every((s) => !s.update && s.transient.display_id === undefined));
      resetPlotlyInline();
    });
  });

  it("newOutput displays once, then updates the same display id", () => {
    withFakeKernel((sent) => {
      const out = newOutput();
      out.update({ "text/plain": "1" });
      out.update({ "text/plain": "2" });
      assert.deepEqual(sent.map((s) => s.update), [false, true]);
      assert.equal(sent[0].transient.display_id, sent[1].transient.display_id);
    });
  });
});

describe("liveProgress", () => {
  /** Drives the callbacks like fit does: `epochs` × `batches` steps with a deterministic loss. */
  function run(p: ReturnType<typeof liveProgress>, epochs: number, batches: number): void {
    let step = 0;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (let b = 0; b < batches; b++) p.onStep({ step: ++step, epoch, loss: 1 / step, gradNorm: 1 });
      p.onEpoch({ epoch, loss: 1 / step });
    }
  }

  it("in a kernel: one output updated in place, finished by the last epoch, final frame without clock text", () => {
    withFakeKernel((sent) => {
      const p = liveProgress({ total: 6, epochs: 2, title: "toy", throttleMs: 0 });
      run(p, 2, 3);
      p.done(); // idempotent: no extra frame
      assert.ok(sent.length >= 3);
      assert.equal(new Set(sent.map((s) => s.transient.display_id)).size, 1);
      assert.deepEqual(sent.map((s) => s.update), [false, ...sent.slice(1).map(() => true)]);
      const last = sent[sent.length - 1].data;
      assert.match(last["text/html"] as string, /data-status="done"/);
      assert.doesNotMatch(last["text/html"] as string, /rnnlab-wallclock|ETA/);
      assert.equal(last["text/plain"], "toy · epoch 2 · step 6/6 · loss 0.1667 · epoch 2 mean loss 0.1667 · done");
      assert.match(sent[1].data["text/html"] as string, /rnnlab-wallclock">· ETA \d+s/);
      assert.deepEqual(last, progressBundle(p.state, true), "final frame depends on the data only");
    });
  });

  it("progressLine says 'waiting for the first step' only before any step or epoch is seen", () => {
    const state = { title: "toy", steps: [], epochs: [] };
    assert.equal(progressLine(state), "toy · waiting for the first step");
    // fit called with onEpoch only (as runAdding does): epochs arrive, steps never do
    const epochsOnly = { title: "toy", steps: [], epochs: [{ epoch: 12, loss: 0.25 }] };
    assert.equal(progressLine(epochsOnly), "toy · epoch 12 mean loss 0.25");
  });

  it("outside a kernel (lines mode): one line per epoch and a final line", () => {
    const out = captureOutput(() => {
      const p = liveProgress({ total: 4, title: "toy", mode: "lines" });
      run(p, 2, 2);
      p.done();
    });
    assert.equal(out, "toy · epoch 1 · mean loss 0.5\ntoy · epoch 2 · mean loss 0.25\ntoy · epoch 2 · step 4/4 · loss 0.25 · epoch 2 mean loss 0.25 · done\n");
  });
});
