// The homework notebooks as committed: each source is its percent text converted, each student version is what `assign` writes, each states its expected time, and each student version opens with a short set-up.
import { strict as assert } from "node:assert";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { percentToNotebook } from "../scripts/nbpercent";
import { loadAssignment, studentNotebook } from "../kernel-lib/src/grading/authoring";
import { readNotebook, stringifyNotebook, cellText } from "../kernel-lib/src/grading/notebook";

const HW = join(resolve(__dirname, ".."), "notebooks", "homework");
const NAMES = readdirSync(join(HW, "src")).filter((n) => n.endsWith(".ts")).map((n) => n.replace(/\.ts$/, "")).sort();

describe("the homework notebooks", () => {
  it("are the four homeworks", () => {
    assert.deepEqual(NAMES, ["hw1-rnn-cell", "hw2-lstm-cell", "hw3-gru-clipping-tbptt", "hw4-copy-curriculum"]);
  });
  for (const name of NAMES) {
    describe(name, () => {
      const source = join(HW, `${name}-source.ipynb`);
      it("the source notebook is src/<name>.ts converted (nbpercent to-ipynb)", () => {
        assert.equal(readFileSync(source, "utf8"), JSON.stringify(percentToNotebook(readFileSync(join(HW, "src", `${name}.ts`), "utf8")), null, 1) + "\n");
      });
      it("the committed student version is what rnnlab assign writes", () => {
        assert.equal(readFileSync(join(HW, `${name}-student.ipynb`), "utf8"), stringifyNotebook(studentNotebook(loadAssignment(readNotebook(source)))));
      });
      it("states its difficulty and expected time in its first cell", () => {
        assert.match(cellText(readNotebook(source).cells[0]!), /\*\*Difficulty: [^*]+\. Expected time: [0-9–]+ hours?\.?\*\*/);
      });
      it("opens the student version with at most 17 lines of code before the first task", () => {
        const cells = readNotebook(join(HW, `${name}-student.ipynb`)).cells;
        const first = cells.findIndex((c) => c.metadata.nbgrader?.solution);
        const lines = cells.slice(0, first).filter((c) => c.cell_type === "code").reduce((s, c) => s + cellText(c).split("\n").filter((l) => l.trim()).length, 0);
        assert.ok(first > 0 && lines <= 17, `${lines} lines of code before the first solution cell`);
      });
    });
  }
});
