// The instructor's solutions handout of a homework: the source executed, with its solutions and hidden tests, as .ipynb, HTML and PDF.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { solutionsName, writeSolutionsHandout } from "../kernel-lib/src/cli/solutions";
import { program } from "../kernel-lib/src/cli/main";

const HW = join(resolve(__dirname, ".."), "notebooks", "homework");

describe("solutions handouts of the homework", function () {
  this.timeout(600_000);
  const out = mkdtempSync(join(tmpdir(), "rnnlab-solutions-test-"));
  after(() => rmSync(out, { recursive: true, force: true }));

  it("names the handout after the homework: hw2-lstm-cell-source.ipynb → hw2-lstm-cell-solutions", () => {
    assert.equal(solutionsName("notebooks/homework/hw2-lstm-cell-source.ipynb"), "hw2-lstm-cell-solutions");
  });
  it("writes homework 2's solutions executed (every test cell ran, hidden tests included) as .ipynb, HTML and PDF", async () => {
    const files = await writeSolutionsHandout(join(HW, "hw2-lstm-cell-source.ipynb"), out, { pdf: true });
    assert.deepEqual(files.map((f) => f.split("/").pop()), ["hw2-lstm-cell-solutions.ipynb", "hw2-lstm-cell-solutions.html", "hw2-lstm-cell-solutions.pdf"]);
    const nb = JSON.parse(readFileSync(files[0]!, "utf8")) as { cells: { cell_type: string; source: string[]; outputs?: { output_type: string }[]; execution_count?: number | null }[] };
    assert.match(nb.cells[0]!.source.join(""), /Instructor's solutions, not for students/);
    const code = nb.cells.filter((c) => c.cell_type === "code");
    assert.ok(code.every((c) => typeof c.execution_count === "number"), "every code cell was executed");
    assert.ok(code.every((c) => !(c.outputs ?? []).some((o) => o.output_type === "error")), "no cell failed");
    const html = readFileSync(files[1]!, "utf8");
    assert.match(html, /BEGIN HIDDEN TESTS/);
    assert.match(html, /BEGIN SOLUTION/);
    assert.equal(readFileSync(files[2]!).subarray(0, 5).toString(), "%PDF-");
    assert.ok(!readdirSync(HW).some((n) => n.startsWith(".solutions-")), "the temporary copy beside the source is removed");
  });
  it("rnnlab assign --solutions DIR writes the student version and the solutions handout (here without PDF and without the check)", async () => {
    const dir = join(out, "cli");
    await program().parseAsync(["node", "rnnlab", "assign", join(HW, "hw1-rnn-cell-source.ipynb"), "--out", dir, "--no-check", "--solutions", dir, "--no-solutions-pdf"]);
    const names = readdirSync(dir).sort();
    assert.ok(names.includes("hw1-rnn-cell-student.ipynb") && names.includes("hw1-rnn-cell-solutions.html") && names.includes("hw1-rnn-cell-solutions.ipynb"), names.join(", "));
    assert.ok(!names.includes("hw1-rnn-cell-solutions.pdf"));
    assert.equal(readFileSync(join(dir, "hw1-rnn-cell-student.ipynb"), "utf8"), readFileSync(join(HW, "hw1-rnn-cell-student.ipynb"), "utf8"));
  });
});
