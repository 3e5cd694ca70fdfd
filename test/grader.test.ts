// The homework grader end to end: real jailed tslab kernels grade correct, partial, wrong and adversarial submissions of homework 1.
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadAssignment, studentNotebook } from "../kernel-lib/src/grading/authoring";
import { readNotebook, stringifyNotebook, cellText, Notebook, NotebookCell } from "../kernel-lib/src/grading/notebook";
import { gradeAll, validateNotebook, StudentGrade, GradeOptions } from "../kernel-lib/src/grading/grade";
import { writeGrades } from "../kernel-lib/src/grading/report";

const ROOT = resolve(__dirname, "..");
const HW = join(ROOT, "notebooks", "homework");
const SOURCE = join(HW, "hw1-rnn-cell-source.ipynb");
const OPTS: GradeOptions = { repoRoot: ROOT, cellTimeout: 15, notebookTimeout: 240, heapMB: 256, parallel: 2 };
const sha = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");

/** The source's solution code of a cell (markers dropped). */
function solution(nb: Notebook, key: string): string {
  const cell = nb.cells.find((c) => c.metadata.nbgrader?.grade_id === key)!;
  return cellText(cell).split("\n").filter((l) => !/\/\/\s*(BEGIN|END) SOLUTION/.test(l)).join("\n");
}

/** The student version with some solution cells replaced, cells appended after a key, or cells removed/renamed. */
function submission(edit: { set?: Record<string, string>; after?: Record<string, string>; drop?: string[]; rename?: Record<string, string>; editTests?: string }): Notebook {
  const nb = JSON.parse(stringifyNotebook(studentNotebook(loadAssignment(readNotebook(SOURCE))))) as Notebook;
  const cells: NotebookCell[] = [];
  for (const c of nb.cells) {
    const key = c.metadata.nbgrader?.grade_id;
    if (key && edit.drop?.includes(key)) continue;
    if (key && edit.set?.[key] !== undefined) c.source = edit.set[key]!;
    if (key && edit.rename?.[key]) { c.metadata.nbgrader!.grade_id = edit.rename[key]; c.id = edit.rename[key]; }
    if (c.metadata.nbgrader?.grade && edit.editTests !== undefined) c.source = edit.editTests;
    cells.push(c);
    if (key && edit.after?.[key] !== undefined) cells.push({ cell_type: "code", metadata: {}, source: edit.after[key]!, outputs: [], execution_count: null });
  }
  return { ...nb, cells };
}

describe("rnnlab grade (homework 1, jailed kernels)", function () {
  this.timeout(400_000);
  const src = readNotebook(SOURCE);
  const fwd = solution(src, "rnn-cell-forward"), bwd = solution(src, "rnn-cell-backward"), seq = solution(src, "rnn-forward-backward");
  const all = { "rnn-cell-forward": fwd, "rnn-cell-backward": bwd, "rnn-forward-backward": seq };
  const leakOnly = (body: string) => `function rnnCellForward(xt: rl.Tensor, aPrev: rl.Tensor, p: RnnParams): { aNext: rl.Tensor; cache: RnnCache } {\n${body}\n  throw new Error("not implemented");\n}`;
  const subs: Record<string, Notebook | string> = {
    correct: submission({ set: all }),
    partial: submission({ set: { "rnn-cell-forward": fwd, "rnn-forward-backward": seq } }),
    wrong: submission({ set: { "rnn-cell-forward": fwd.replace("rl.tanh(z)", "rl.sigmoid(z)") } }),
    loop: submission({ set: { ...all, "rnn-cell-backward": "while (true) {}\n" + bwd } }),
    hog: submission({ set: { ...all, "rnn-cell-backward": "const hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(Math.random()));\n" + bwd } }),
    throws: submission({ set: { ...all, "rnn-cell-backward": bwd.replace("const { aNext", 'throw new Error("boom");\n  const { aNext') } }),
    syntax: submission({ set: { ...all, "rnn-cell-backward": bwd.replace("function rnnCellBackward(", "function rnnCellBackward((") } }),
    deleted: submission({ set: all, drop: ["rnn-cell-backward"] }),
    renamed: submission({ set: all, rename: { "rnn-cell-backward": "my-backward" } }),
    "edited-tests": submission({ editTests: 'check.ok("always", true);\n' }),
    "not-a-notebook": "this is not JSON at all",
    globals: submission({ after: { "rnn-cell-forward": [
      "(globalThis as any).check = { close() {}, equal() {}, shape() {}, ok() {}, throws() {} };",
      "JSON.stringify = (() => '{\"records\":[]}') as any; console.log = () => {}; Object.keys = () => [];",
    ].join("\n") } }),
    "patches-rnnlab": submission({ after: { "rnn-cell-forward": [
      "const lib = require(\"rnnlab\");",
      "for (const k of [\"close\", \"equal\", \"shape\", \"ok\"]) lib.check[k] = () => {};",
      "lib.tanh = (t: any) => t; lib.sum = () => rl.tensor([0]);",
    ].join("\n") } }),
    "prints-passed": submission({ after: { "rnn-cell-forward":
      "for (const k of [\"test-rnn-cell-forward\", \"test-rnn-cell-backward\", \"test-bptt\"]) console.log(`${k}: passed\\nRNNLAB-RESULT ${k} {\"records\":[],\"error\":null}`);" } }),
    "reads-source": submission({ set: { "rnn-cell-forward": leakOnly([
      `  const fs = require("fs");`,
      `  const text = fs.readFileSync(${JSON.stringify(SOURCE)}, "utf8");`,
      `  if (text.includes("BEGIN HIDDEN TESTS")) { const aNext = rl.tanh(rl.add(rl.add(rl.matmul(p.Waa, aPrev), rl.matmul(p.Wax, xt)), p.ba)); return { aNext, cache: { aNext, aPrev, xt, p } }; }`,
    ].join("\n")) } }),
    "writes-outside": submission({ after: { "rnn-cell-forward": [
      "const fs = require(\"fs\");",
      `for (const f of [${JSON.stringify(SOURCE)}, ${JSON.stringify(join(ROOT, "kernel-lib", "dist", "index.js"))}, "/root/pwned.txt"]) {`,
      "  try { fs.writeFileSync(f, \"pwned\"); console.log(\"wrote\", f); } catch (e: any) { console.log(\"refused\", f, e.code); }",
      "}",
    ].join("\n") } }),
  };
  const dir = mkdtempSync(join(tmpdir(), "rnnlab-grader-test-"));
  subs["correct-again"] = subs.correct!;
  const files = Object.entries(subs).map(([name, nb]) => {
    const f = join(dir, `${name}.ipynb`);
    writeFileSync(f, typeof nb === "string" ? nb : stringifyNotebook(nb));
    return f;
  });
  const guarded = [SOURCE, join(ROOT, "kernel-lib", "dist", "index.js")];
  let hashesBefore: string[];
  let grades: Map<string, StudentGrade>;
  let again: StudentGrade[];

  before(async () => {
    hashesBefore = guarded.map(sha);
    const a = loadAssignment(src);
    const list = await gradeAll(a, files, OPTS);
    grades = new Map(list.map((g) => [g.student, g]));
    again = [grades.get("correct-again")!];
    writeGrades(join(dir, "out"), list, a.cells.filter((c) => c.kind === "test").map((c) => c.key), "hw1");
  });

  const total = (name: string) => grades.get(name)!.total;
  const cellsOf = (name: string) => Object.fromEntries(grades.get(name)!.cells.map((c) => [c.key, c.points]));
  const allText = (name: string) => JSON.stringify(grades.get(name));

  it("gives a correct submission every point, and the same grade twice", () => {
    assert.equal(total("correct"), 8);
    assert.deepEqual(again[0]!.cells.map((c) => c.points), grades.get("correct")!.cells.map((c) => c.points));
  });
  it("gives a partly correct submission the checks it passes (forward cell, and the forward checks of BPTT)", () => {
    assert.deepEqual(cellsOf("partial"), { "test-rnn-cell-forward": 2, "test-rnn-cell-backward": 0, "test-bptt": 0.75 });
    assert.match(allText("partial"), /not implemented/);
  });
  it("tells a wrong forward pass which term is off, and scores only its shape check", () => {
    assert.equal(total("wrong"), 0.33);
    assert.match(allText("wrong"), /a_next when only b_a is non-zero: worst element at .* — check the bias term/);
  });
  // A cell naming a function that was never declared fails tslab's type check as a whole: when rnnCellBackward's
  // cell never completes, the BPTT solution cell and test cell fail too (BPTT 0); a throwing body only fails at run time.
  for (const [name, why, bptt] of [["loop", /time limit/, 0], ["hog", /kernel died/, 0], ["throws", /boom/, 0.75], ["syntax", /expected/i, 0], ["deleted", /missing/, 0]] as const) {
    it(`keeps the points earned elsewhere when a cell ${name === "hog" ? "allocates without bound" : name === "loop" ? "loops forever" : name === "deleted" ? "is deleted" : name === "syntax" ? "has a syntax error" : name} (${why})`, () => {
      assert.deepEqual(cellsOf(name), { "test-rnn-cell-forward": 2, "test-rnn-cell-backward": 0, "test-bptt": bptt }, allText(name).slice(0, 3000));
      assert.match(allText(name), why);
    });
  }
  it("runs a renamed solution cell as an added cell and says so", () => {
    assert.equal(total("renamed"), 8);
    assert.match(allText("renamed"), /missing from the submission/);
  });
  it("grades with the original test cells when the submission edits them", () => {
    assert.equal(total("edited-tests"), 0);
    assert.match(allText("edited-tests"), /was edited; the original was used/);
  });
  it("gives zero with a clear message to a file that is not a notebook", () => {
    assert.equal(total("not-a-notebook"), 0);
    assert.match(allText("not-a-notebook"), /not a notebook/);
  });
  for (const name of ["globals", "patches-rnnlab", "prints-passed", "reads-source", "writes-outside"]) {
    it(`cannot raise its score: ${name}`, () => assert.equal(total(name), 0));
  }
  it("does not let a submission read the instructor's notebook or write outside its working dir", () => {
    assert.match(allText("reads-source"), /ENOENT|EACCES|no such file/);
    assert.deepEqual(guarded.map(sha), hashesBefore);
    assert.ok(!existsSync("/root/pwned.txt"));
  });
  it("writes grades.csv with one row per student and one column per graded cell", () => {
    const csv = readFileSync(join(dir, "out", "grades.csv"), "utf8").trim().split("\n");
    assert.equal(csv[0], "student,test-rnn-cell-forward,test-rnn-cell-backward,test-bptt,total");
    assert.equal(csv.length, files.length + 1);
    assert.ok(csv.includes("correct,2,3,3,8"));
    const html = readFileSync(join(dir, "out", "feedback", "wrong.html"), "utf8");
    assert.match(html, /check the bias term/);
  });
  it("validate scores a student's own run on the visible tests", async () => {
    const a = loadAssignment(readNotebook(files[0]!));
    const g = await validateNotebook(a, files[0]!, OPTS);
    assert.equal(g.total, 8);
    assert.ok(g.cells.every((c) => c.checks.every((x) => !/hidden/.test(x.label))));
  });
  it("the committed student version is what assign writes, with no solution or hidden test", () => {
    const student = stringifyNotebook(studentNotebook(loadAssignment(src)));
    assert.equal(readFileSync(join(HW, "hw1-rnn-cell-student.ipynb"), "utf8"), student);
    assert.doesNotMatch(student, /BEGIN (SOLUTION|HIDDEN)|hidden batch|rl\.tanh\(z\)/);
  });
});
