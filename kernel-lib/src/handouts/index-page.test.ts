// The pure parts of the handout build: notebook discovery, --only selection, titles and the index page.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listNumberedNotebooks, selectNotebooks } from "./build";
import { notebookTitle, renderHandoutIndex } from "./index-page";

describe("handouts", () => {
  it("listNumberedNotebooks keeps only NN-*.ipynb and appendices A1-*.ipynb, sorted", () => {
    const dir = mkdtempSync(join(tmpdir(), "rnnlab-hand-"));
    try {
      for (const n of ["10-b.ipynb", "A1-own.ipynb", "02-a.ipynb", "scratch.ipynb", "3-x.ipynb", "01-c.md", "AB-x.ipynb"]) writeFileSync(join(dir, n), "{}");
      assert.deepEqual(listNumberedNotebooks(dir).map((p) => p.slice(dir.length + 1)), ["02-a.ipynb", "10-b.ipynb", "A1-own.ipynb"]);
      assert.deepEqual(listNumberedNotebooks(join(dir, "missing")), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("selectNotebooks(--only 03) matches file-name prefixes", () => {
    const all = ["/n/01-a.ipynb", "/n/03-b.ipynb", "/n/30-c.ipynb"];
    assert.deepEqual(selectNotebooks(all, ["03"]), ["/n/03-b.ipynb"]);
    assert.deepEqual(selectNotebooks(all), all);
  });

  it("notebookTitle takes the first markdown heading", () => {
    const nb = { nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [
      { cell_type: "code" as const, source: "# not a title", metadata: {} },
      { cell_type: "markdown" as const, source: ["Intro\n", "## LSTM from scratch\n"], metadata: {} },
    ] };
    assert.equal(notebookTitle(nb, "x"), "LSTM from scratch");
    assert.equal(notebookTitle({ ...nb, cells: [] }, "fallback"), "fallback");
  });

  it("renderHandoutIndex links every handout, escapes titles and totals the time", () => {
    const html = renderHandoutIndex([
      { name: "01-rnn", title: "RNN <cells>", ms: 1500, codeCells: 4, pdf: true },
      { name: "02-lstm", title: "LSTM", ms: 2500, codeCells: 6, pdf: false },
    ]);
    assert.match(html, /<a href="01-rnn\.html">HTML<\/a> · <a href="01-rnn\.pdf">PDF<\/a>/);
    assert.doesNotMatch(html, /02-lstm\.pdf/);
    assert.match(html, /RNN &lt;cells&gt;/);
    assert.match(html, /4\.0 s<\/td><\/tr><\/tfoot>/);
  });
});
