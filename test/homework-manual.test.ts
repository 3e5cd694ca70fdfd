// Manually graded answers: how homework 4's written answer is marked, emptied in the student version, left pending, and folded in from the instructor's CSV.
import { strict as assert } from "node:assert";
import { join, resolve } from "node:path";
import { loadAssignment, studentNotebook } from "../kernel-lib/src/grading/authoring";
import { readNotebook, NotebookCell } from "../kernel-lib/src/grading/notebook";
import { cellTimeoutFor } from "../kernel-lib/src/grading/cell-limits";
import { gradeSteps, ownPlan, ownSteps, submissionPlan } from "../kernel-lib/src/grading/plan";
import { manualSpec, manualSpecs, manualAnswers, foldManual, manualCsv, readManualCsv, parseCsv, manualReviewHtml, MANUAL_STUB, ManualStudentGrade } from "../kernel-lib/src/grading/manual";

const HW4 = join(resolve(__dirname, ".."), "notebooks", "homework", "hw4-copy-curriculum-source.ipynb");
const md = (meta: Record<string, unknown>, text = "an answer"): NotebookCell => ({ cell_type: "markdown", source: text, metadata: meta as NotebookCell["metadata"] });

describe("manually graded answers (nbgrader's manual kind)", () => {
  const a = loadAssignment(readNotebook(HW4));
  const specs = manualSpecs(a);

  it("homework 4 has one manual answer of 4 points whose rubric adds up, beside 6 auto-graded points", () => {
    assert.deepEqual(specs.map((s) => [s.key, s.points, s.rubric.length]), [["interpretation", 4, 4]]);
    assert.equal(a.totalPoints, 6);
  });
  it("the student version shows YOUR ANSWER HERE, not the model answer, and keeps the cell's metadata", () => {
    const cell = studentNotebook(a).cells.find((c) => c.metadata.nbgrader?.grade_id === "interpretation")!;
    assert.equal(cell.cell_type, "markdown");
    assert.deepEqual(cell.source, [MANUAL_STUB]);
    assert.equal(cell.metadata.nbgrader?.points, 4);
    assert.doesNotMatch(JSON.stringify(studentNotebook(a)), /Model answer/);
  });
  it("manualSpec refuses a manual cell without points and a rubric that does not add up; ignores other cells", () => {
    assert.throws(() => manualSpec(md({ nbgrader: { grade: true, solution: true, grade_id: "q" } }), "q"), /needs nbgrader.points > 0/);
    assert.throws(() => manualSpec(md({ nbgrader: { grade: true, solution: true, grade_id: "q", points: 3 }, rnnlab: { rubric: [{ points: 1, criterion: "x" }] } }), "q"), /add up to 1, the cell has 3/);
    assert.equal(manualSpec(md({ nbgrader: { grade: true, grade_id: "q", points: 3 } }), "q"), undefined);
    assert.equal(manualSpec({ ...md({ nbgrader: { grade: true, solution: true, grade_id: "q", points: 3 } }), cell_type: "code" }, "q"), undefined);
  });
  it("never sends the written answer to a kernel: neither the model answer in the reference run nor a student's in grading", () => {
    const ref = ownSteps(ownPlan(a), 30).steps;
    assert.ok(ref.length > 0 && ref.every((st) => !/Model answer/.test(st.code)), ref.map((st) => st.key).join(", "));
    const sub = studentNotebook(a);
    sub.cells.find((c) => c.metadata.nbgrader?.grade_id === "interpretation")!.source = ["const written = `an answer that parses as code`;\n"];
    const graded = gradeSteps(a, submissionPlan(a, sub).plan, 30, "/tmp/fifo").steps;
    assert.ok(graded.some((st) => st.key.startsWith("train-copy")), "the solution cells run");
    assert.ok(graded.every((st) => !st.code.includes("an answer that parses as code") && !st.key.includes("interpretation")), graded.map((st) => st.key).join(", "));
  });
  it("reads a student's answer by key, and counts the untouched stub as no answer", () => {
    const sub = studentNotebook(a);
    assert.deepEqual(manualAnswers(specs, sub), { interpretation: "" });
    const cell = sub.cells.find((c) => c.metadata.nbgrader?.grade_id === "interpretation")!;
    cell.source = ["The GRU copies <b>directly</b>.\n"];
    assert.deepEqual(manualAnswers(specs, sub), { interpretation: "The GRU copies <b>directly</b>." });
  });

  const auto: ManualStudentGrade = { student: "ana", total: 5, maxTotal: 6, notes: [], cells: [
    { key: "test-train-copy", points: 4, maxPoints: 4, checks: [], status: "ok" }, { key: "test-reported-numbers", points: 1, maxPoints: 2, checks: [], status: "ok" }] };
  it("records the answer as pending (0 points, counted in the maximum) until the instructor's points are folded in", () => {
    const pending = foldManual(auto, specs);
    assert.equal(pending.total, 5);
    assert.equal(pending.maxTotal, 10);
    assert.deepEqual(pending.cells.map((c) => [c.key, c.status]), [["test-train-copy", "ok"], ["test-reported-numbers", "ok"], ["interpretation", "pending"]]);
    assert.match(pending.notes.join(" "), /1 answer\(s\) pending/);
    const graded = foldManual(pending, specs, { interpretation: { points: 3.5, comment: "no mechanism" } });
    assert.equal(graded.total, 8.5);
    assert.equal(graded.maxTotal, 10);
    assert.equal(graded.cells.at(-1)!.status, "manual");
    assert.match(graded.cells.at(-1)!.checks[0]!.message, /3.5 \/ 4 — no mechanism/);
    assert.deepEqual(graded.notes, []);
    assert.deepEqual(foldManual(graded, specs, { interpretation: { points: 3.5, comment: "no mechanism" } }), graded, "folding twice gives the same grade");
  });
  it("writes the CSV to fill in and reads it back (quotes, commas and newlines in comments; empty points stay pending)", () => {
    const csv = manualCsv(["ana", "bo"], specs, { ana: { interpretation: { points: 2, comment: 'says "it helps", no numbers,\nno seeds' } } });
    assert.equal(csv.split("\n")[0], "student,interpretation,interpretation comment");
    assert.deepEqual(readManualCsv(csv, specs, ["ana", "bo"]), {
      ana: { interpretation: { points: 2, comment: 'says "it helps", no numbers,\nno seeds' } }, bo: { interpretation: { comment: "" } } });
    assert.deepEqual(parseCsv('a,"b,c"\r\n"d""e",f\n'), [["a", "b,c"], ['d"e', "f"]]);
  });
  it("refuses points out of range, unknown columns and unknown students, naming the row and column", () => {
    assert.throws(() => readManualCsv("student,interpretation\nana,5\n", specs), /row 2 \(ana\), column "interpretation": points must be a number in \[0, 4\], got "5"/);
    assert.throws(() => readManualCsv("student,interpretation\nana,lots\n", specs), /got "lots"/);
    assert.throws(() => readManualCsv("student,essay\nana,1\n", specs), /column "essay" names no manually graded cell/);
    assert.throws(() => readManualCsv("student,interpretation\nzed,1\n", specs, ["ana"]), /row 2: no submission of student "zed"/);
  });
  it("the review page shows the rubric and each answer as text, never as HTML", () => {
    const html = manualReviewHtml("hw4", specs, { ana: { interpretation: "<script>alert(1)</script>" }, bo: { interpretation: "" } }, { ana: { interpretation: { points: 1, comment: "" } } }, "manual-grades.csv");
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&lt;script&gt;/);
    assert.match(html, /Mechanism: consistent with the numbers/);
    assert.match(html, /ana <span class="given">1 \/ 4/);
    assert.match(html, /bo <span class="given">pending<\/span><\/h3><p class="empty">\(no answer\)/);
  });
});

describe("per-notebook time limits (metadata.rnnlab.timeout)", () => {
  it("homework 4's training cells ask for 300 s, more than the 30 s default; homework 1 keeps the flag's", () => {
    assert.equal(cellTimeoutFor(loadAssignment(readNotebook(HW4)), 30), 300);
    assert.equal(cellTimeoutFor(loadAssignment(readNotebook(HW4)), 600), 600);
    assert.equal(cellTimeoutFor(loadAssignment(readNotebook(HW4.replace("hw4-copy-curriculum", "hw1-rnn-cell"))), 30), 30);
    assert.throws(() => cellTimeoutFor({ cells: [{ key: "x", cell: { metadata: { rnnlab: { timeout: "long" } } } }] }, 30), /cell "x" has metadata.rnnlab.timeout "long"/);
  });
});
