// Homework 4 graded end to end: the re-run of the student's own seeded trainCopy catches a made-up number, thresholds are checked, and the written answer stays pending until the instructor's CSV is folded in.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadAssignment, studentNotebook } from "../kernel-lib/src/grading/authoring";
import { readNotebook, stringifyNotebook, cellText, Notebook } from "../kernel-lib/src/grading/notebook";
import { gradeAll, StudentGrade } from "../kernel-lib/src/grading/grade";
import { cellTimeoutFor } from "../kernel-lib/src/grading/cell-limits";
import { applyManualGrading, MANUAL_CSV, MANUAL_REVIEW } from "../kernel-lib/src/grading/manual-report";

const ROOT = resolve(__dirname, "..");
const SOURCE = join(ROOT, "notebooks", "homework", "hw4-copy-curriculum-source.ipynb");

/** The source's code of a solution cell, markers dropped. */
const solution = (nb: Notebook, key: string): string =>
  cellText(nb.cells.find((c) => c.metadata.nbgrader?.grade_id === key)!).split("\n").filter((l) => !/\/\/\s*(BEGIN|END) SOLUTION/.test(l)).join("\n");

describe("rnnlab grade (homework 4: re-run numbers, thresholds, a manually graded answer)", function () {
  this.timeout(1_800_000);
  const src = readNotebook(SOURCE);
  const a = loadAssignment(src);
  const dir = mkdtempSync(join(tmpdir(), "rnnlab-hw4-test-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const train = solution(src, "train-copy"), report = solution(src, "reported-numbers");
  const sub = (set: Record<string, string>, answer?: string): string => {
    const nb = JSON.parse(stringifyNotebook(studentNotebook(a))) as Notebook;
    for (const c of nb.cells) {
      const key = c.metadata.nbgrader?.grade_id;
      if (key && set[key] !== undefined) c.source = set[key]!;
      if (key === "interpretation" && answer) c.source = answer;
    }
    return stringifyNotebook(nb);
  };
  const files: Record<string, string> = {
    correct: sub({ "train-copy": train, "reported-numbers": report }, "The GRU copies directly (0.956, 0.877); the curriculum rescues the LSTM."),
    // the right code, but one reported number made up
    "made-up": sub({ "train-copy": train, "reported-numbers": report.replace(/return (Object\.fromEntries\([^;]*\));/, "const t = $1;\n  t[\"gru direct seed 0\"] = 0.999;\n  return t;") }),
    // a learning rate far too small: the thresholds fail, honestly reported numbers still match
    weak: sub({ "train-copy": train.replace("{ lr: 0.02 }", "{ lr: 1e-4 }"), "reported-numbers": report }),
    student: readFileSync(SOURCE.replace("-source", "-student"), "utf8"),
  };
  const paths = Object.entries(files).map(([name, text]) => { const f = join(dir, `${name}.ipynb`); writeFileSync(f, text); return f; });
  let grades = new Map<string, StudentGrade>();
  let folded: StudentGrade[] = [];
  before(async () => {
    assert.ok(files["made-up"]!.includes("0.999"), "the made-up edit applied");
    assert.ok(files.weak!.includes("1e-4"), "the weak edit applied");
    const list = await gradeAll(a, paths, { repoRoot: ROOT, cellTimeout: cellTimeoutFor(a, 30), notebookTimeout: 1500, heapMB: 1024, parallel: 2 });
    grades = new Map(list.map((g) => [g.student, g]));
    writeFileSync(join(dir, "points.csv"), "student,interpretation,interpretation comment\ncorrect,3,\"no mechanism, numbers right\"\n");
    folded = applyManualGrading(a, list, { outDir: join(dir, "out"), title: "hw4", csv: join(dir, "points.csv") }).grades;
  });
  const cells = (name: string) => Object.fromEntries(grades.get(name)!.cells.map((c) => [c.key, c.points]));
  const passed = (name: string, label: string) => grades.get(name)!.cells.flatMap((c) => c.checks).find((c) => c.label === label)?.passed;

  it("gives a correct submission every auto-graded point (4 + 2)", () => {
    assert.deepEqual(cells("correct"), { "test-train-copy": 4, "test-reported-numbers": 2 }, JSON.stringify(grades.get("correct")).slice(0, 3000));
  });
  it("gives the committed student version 0", () => {
    assert.deepEqual(cells("student"), { "test-train-copy": 0, "test-reported-numbers": 0 });
  });
  it("catches a made-up number by re-running the student's own trainCopy", () => {
    assert.equal(passed("made-up", "the reported \"gru direct seed 0\" equals the re-run (3 decimals)"), false);
    assert.equal(passed("made-up", "the reported \"lstm curriculum seed 1\" equals the re-run (3 decimals)"), true);
    assert.equal(cells("made-up")["test-train-copy"], 4);
    assert.ok(cells("made-up")["test-reported-numbers"]! < 2);
  });
  it("fails the accuracy thresholds of a model trained with too small a learning rate, while its honest numbers match", () => {
    assert.equal(passed("weak", "GRU trained at delay 5: held-out accuracy at delay 5 is at least 0.9"), false);
    assert.equal(passed("weak", "the better re-run gated model reaches accuracy 0.8 at delay 20"), false);
    assert.equal(passed("weak", "the reported \"gru direct seed 0\" equals the re-run (3 decimals)"), true);
    assert.equal(passed("weak", "the same seed gives the same weights"), true);
  });
  it("keeps the written answer pending for students without points, and folds in the instructor's CSV", () => {
    const by = new Map(folded.map((g) => [g.student, g]));
    assert.equal(by.get("correct")!.total, 9);
    assert.equal(by.get("correct")!.maxTotal, 10);
    assert.match(JSON.stringify(by.get("correct")), /instructor: 3 \/ 4 — no mechanism, numbers right/);
    assert.equal(by.get("weak")!.cells.find((c) => c.key === "interpretation")!.status, "pending");
    const review = readFileSync(join(dir, "out", MANUAL_REVIEW), "utf8");
    assert.match(review, /The GRU copies directly/);
    assert.match(review, /weak <span class="given">pending/);
    assert.equal(readFileSync(join(dir, "out", MANUAL_CSV), "utf8").split("\n")[0], "student,interpretation,interpretation comment");
  });
});
