// The homework grader end to end: real jailed tslab kernels grade correct, partial, wrong and adversarial submissions of homeworks 1, 2 and 3.
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadAssignment, studentNotebook } from "../kernel-lib/src/grading/authoring";
import { readNotebook, stringifyNotebook, cellText, Notebook, NotebookCell } from "../kernel-lib/src/grading/notebook";
import { gradeAll, validateNotebook, StudentGrade, GradeOptions } from "../kernel-lib/src/grading/grade";
import { writeGrades } from "../kernel-lib/src/grading/report";

const ROOT = resolve(__dirname, "..");
const HW = join(ROOT, "notebooks", "homework");
const SOURCE = join(HW, "hw1-rnn-cell-source.ipynb");
// generous time limits: CI shares 2 cores, and a loaded machine slows every kernel (the loops still hit them)
const OPTS: GradeOptions = { repoRoot: ROOT, cellTimeout: 45, notebookTimeout: 900, heapMB: 256, parallel: 2 };
const sha = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");

/** The source's solution code of a cell (markers dropped). */
function solution(nb: Notebook, key: string): string {
  const cell = nb.cells.find((c) => c.metadata.nbgrader?.grade_id === key)!;
  return cellText(cell).split("\n").filter((l) => !/\/\/\s*(BEGIN|END) SOLUTION/.test(l)).join("\n");
}

/** The student version with some solution cells replaced, cells appended after a key, or cells removed/renamed. */
function submission(edit: { set?: Record<string, string>; after?: Record<string, string>; drop?: string[]; rename?: Record<string, string>; editTests?: string }, source = SOURCE): Notebook {
  const nb = JSON.parse(stringifyNotebook(studentNotebook(loadAssignment(readNotebook(source))))) as Notebook;
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

/** Writes each submission to `<name>.ipynb` in a fresh temp dir (a string is written as it is, e.g. a file that is not JSON). */
const tempDirs: string[] = [];
after(() => { for (const d of tempDirs) rmSync(d, { recursive: true, force: true }); });

function writeSubmissions(subs: Record<string, Notebook | string>): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "rnnlab-grader-test-"));
  tempDirs.push(dir);
  const files = Object.entries(subs).map(([name, nb]) => {
    const f = join(dir, `${name}.ipynb`);
    writeFileSync(f, typeof nb === "string" ? nb : stringifyNotebook(nb));
    return f;
  });
  return { dir, files };
}

/** `text` with `from` replaced by `to`; throws when `from` is absent, so a changed source notebook cannot turn an edit into a no-op. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`edit: ${JSON.stringify(from)} not found in ${JSON.stringify(text.slice(0, 80))}…`);
  return text.replace(from, to);
}

/**
 * Registers a `before` hook grading every submission of one homework in ONE gradeAll call (plus "correct-again",
 * a copy of "correct", for determinism) and returns accessors to the grades by student name.
 */
function gradeHomework(source: string, subs: Record<string, Notebook | string>) {
  const { files } = writeSubmissions({ ...subs, "correct-again": subs.correct! });
  const grades = new Map<string, StudentGrade>();
  before(async () => {
    for (const g of await gradeAll(loadAssignment(readNotebook(source)), files, OPTS)) grades.set(g.student, g);
  });
  const get = (name: string): StudentGrade => grades.get(name)!;
  return {
    get,
    total: (name: string) => get(name).total,
    cells: (name: string) => Object.fromEntries(get(name).cells.map((c) => [c.key, c.points])),
    text: (name: string) => JSON.stringify(get(name)),
    /** Whether the check labelled `label` passed (throws when no cell has it). */
    passed: (name: string, label: string): boolean => {
      const c = get(name).cells.flatMap((x) => x.checks).find((x) => x.label === label);
      if (!c) throw new Error(`${name}: no check "${label}" in ${JSON.stringify(get(name)).slice(0, 2000)}`);
      return c.passed;
    },
  };
}

/** Code a submission adds to monkey-patch rnnlab (every loaded module's exports, `rl.check`, the index's bindings) so that `names` return `fake`. */
function patchRnnlab(names: string[], fake: string): string {
  return [
    "{",
    "  const lib: any = require(\"rnnlab\");",
    "  for (const k of [\"close\", \"equal\", \"shape\", \"ok\", \"throws\"]) lib.check[k] = () => {};",
    `  const fake: any = ${fake};`,
    "  for (const m of Object.values(require.cache) as any[]) for (const n of " + JSON.stringify(names) + ") {",
    "    if (m && m.exports && typeof m.exports[n] === \"function\") try { m.exports[n] = fake; } catch {}",
    "    try { Object.defineProperty(lib, n, { value: fake }); } catch {}",
    "  }",
    "}",
  ].join("\n");
}

/** The checks every homework shares: the source and a correct submission get `full` (the same grade twice); the committed student version gets 0 in every cell. */
function itGradesSourceCorrectAndStudent(h: ReturnType<typeof gradeHomework>, full: Record<string, number>): void {
  it(`gives the source itself and a correct submission every point (${Object.values(full).join(" + ")}), the same grade twice`, () => {
    assert.deepEqual(h.cells("source"), full, h.text("source").slice(0, 3000));
    assert.deepEqual(h.cells("correct"), full, h.text("correct").slice(0, 3000));
    assert.deepEqual(h.get("correct-again").cells, h.get("correct").cells);
  });
  it("gives the committed student version 0 in every cell", () => {
    assert.deepEqual(Object.values(h.cells("student")), Object.values(full).map(() => 0));
    assert.match(h.text("student"), /not implemented/);
  });
}

describe("rnnlab grade (homework 1, jailed kernels)", function () {
  this.timeout(400_000);
  const src = readNotebook(SOURCE);
  const fwd = solution(src, "rnn-cell-forward"), bwd = solution(src, "rnn-cell-backward"), seq = solution(src, "rnn-forward-backward");
  const all = { "rnn-cell-forward": fwd, "rnn-cell-backward": bwd, "rnn-forward-backward": seq };
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
  };
  subs["correct-again"] = subs.correct!;
  const { dir, files } = writeSubmissions(subs);
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
  it("changes nothing of the instructor's (the source notebook, the library)", () => {
    assert.deepEqual(guarded.map(sha), hashesBefore);
  });
  it("writes grades.csv with one row per student and one column per graded cell", () => {
    const csv = readFileSync(join(dir, "out", "grades.csv"), "utf8").trim().split("\n");
    assert.equal(csv[0], "student,test-rnn-cell-forward,test-rnn-cell-backward,test-bptt,total,notes");
    assert.equal(csv.length, files.length + 1);
    assert.ok(csv.includes("correct,2,3,3,8,"), csv.join("\n"));
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

describe("rnnlab grade (homework 2: LSTM cell, jailed kernels)", function () {
  this.timeout(400_000);
  const SOURCE2 = join(HW, "hw2-lstm-cell-source.ipynb");
  const src = readNotebook(SOURCE2);
  const fwd = solution(src, "lstm-cell-forward"), seq = solution(src, "lstm-forward"), bwd = solution(src, "lstm-cell-backward");
  const all = { "lstm-cell-forward": fwd, "lstm-forward": seq, "lstm-cell-backward": bwd };
  const sub = (e: Parameters<typeof submission>[0]) => submission(e, SOURCE2);
  // dW_f left at zero: an honest mistake, and the same mistake with rnnlab patched to pass the gradient check
  const zeroDWf = edit(bwd, "dWf: rl.matmulTB(dzf, concat)", "dWf: rl.zerosLike(p.Wf)");
  const h = gradeHomework(SOURCE2, {
    correct: sub({ set: all }),
    source: readFileSync(SOURCE2, "utf8"),
    student: readFileSync(join(HW, "hw2-lstm-cell-student.ipynb"), "utf8"),
    partial: sub({ set: { "lstm-cell-forward": fwd, "lstm-forward": seq } }),
    wrong: sub({ set: {
      "lstm-cell-forward": edit(fwd, "rl.mul(ft, cPrev)", "rl.mul(ft, aPrev)"),
      "lstm-forward": seq,
      "lstm-cell-backward": edit(bwd, "const dc = rl.add(dcNext, rl.mul(rl.mul(daNext, ot), rl.sub(1, rl.square(tc))));", "const dc = dcNext;"),
    } }),
    "wrong-dwf": sub({ set: { ...all, "lstm-cell-backward": zeroDWf } }),
    "patches-rnnlab": sub({ set: { ...all, "lstm-cell-backward": zeroDWf }, after: { "lstm-cell-backward":
      patchRnnlab(["gradCheck"], "(..._: any[]) => ({ ok: true })") + "\ntry { (Math as any).max = () => 0; } catch {}\ntry { (rl.Tensor.prototype as any).item = () => 0; } catch {}" } }),
    float32: sub({ set: { ...all, "lstm-cell-forward": 'rl.setPrecision("float32");\n' + fwd } }),
  });

  itGradesSourceCorrectAndStudent(h, { "test-lstm-cell-forward": 4, "test-lstm-forward": 2, "test-lstm-cell-backward-gates": 4, "test-lstm-cell-backward-params": 4 });
  it("grades a correct submission that switched to rl.setPrecision('float32') like any correct one (tests run in float64)", () => {
    assert.deepEqual(h.cells("float32"), h.cells("correct"));
  });
  it("gives a submission with only the forward parts exactly the forward points", () => {
    assert.deepEqual(h.cells("partial"), { "test-lstm-cell-forward": 4, "test-lstm-forward": 2, "test-lstm-cell-backward-gates": 0, "test-lstm-cell-backward-params": 0 });
  });
  it("tells a wrong cell state (a_prev for c_prev, dc = dc_next) which term is off", () => {
    assert.ok(h.total("wrong") > 0 && h.total("wrong") < 14, String(h.total("wrong")));
    assert.equal(h.passed("wrong", "c_next when only the forget gate is open"), false);
    assert.equal(h.passed("wrong", "dcPrev when only da_next is non-zero"), false);
    assert.equal(h.passed("wrong", "cache.ft when only the biases are non-zero"), true);
    assert.match(h.text("wrong"), /c_next when only the forget gate is open: [^"]* — check f ∗ c_prev/);
    assert.match(h.text("wrong"), /dcPrev when only da_next is non-zero: [^"]* — check the path through a_next/);
  });
  it("cannot raise its score by patching rnnlab's gradCheck, Tensor.prototype, Math.max and check (at most the honest mistake's grade)", () => {
    assert.equal(h.passed("wrong-dwf", "dWf agrees with central differences on a hidden batch"), false);
    assert.equal(h.passed("patches-rnnlab", "dWf agrees with central differences on a hidden batch"), false);
    assert.ok(h.total("wrong-dwf") > 10 && h.total("wrong-dwf") < 14, String(h.total("wrong-dwf")));
    // the patches live in the student's own kernel: they can only spoil its own values (the tests run elsewhere)
    assert.ok(h.total("patches-rnnlab") <= h.total("wrong-dwf"), `${h.total("patches-rnnlab")} > ${h.total("wrong-dwf")}`);
  });
});

describe("rnnlab grade (homework 3: GRU, clipping, truncated BPTT, jailed kernels)", function () {
  this.timeout(400_000);
  const SOURCE3 = join(HW, "hw3-gru-clipping-tbptt-source.ipynb");
  const src = readNotebook(SOURCE3);
  const fwd = solution(src, "gru-cell-forward"), bwd = solution(src, "gru-cell-backward"), clip = solution(src, "clip-grads"), tb = solution(src, "truncated-bptt");
  const all = { "gru-cell-forward": fwd, "gru-cell-backward": bwd, "clip-grads": clip, "truncated-bptt": tb };
  const sub = (e: Parameters<typeof submission>[0]) => submission(e, SOURCE3);
  const perTensorClip = [
    "function clipGrads(grads: Record<string, rl.Tensor>, maxNorm: number): number {",
    "  let worst = 0;",
    "  for (const g of Object.values(grads)) {",
    "    const n = rl.norm(g);",
    "    worst = Math.max(worst, n);",
    "    if (n > maxNorm) for (let k = 0; k < g.data.length; k++) g.data[k] *= maxNorm / (n + 1e-6);",
    "  }",
    "  return worst;",
    "}",
  ].join("\n");
  const h = gradeHomework(SOURCE3, {
    correct: sub({ set: all }),
    source: readFileSync(SOURCE3, "utf8"),
    student: readFileSync(join(HW, "hw3-gru-clipping-tbptt-student.ipynb"), "utf8"),
    partial: sub({ set: { "gru-cell-forward": fwd, "clip-grads": clip } }),
    wrong: sub({ set: {
      "gru-cell-forward": fwd,
      "gru-cell-backward": edit(bwd, "const dra = rl.slice(dcIn, 0, 0, n_a);", "const dra = rl.slice(dcIn, 0, 1, n_a + 1);"),
      "clip-grads": perTensorClip,
      "truncated-bptt": edit(tb, "    for (let t = t0; t < t1; t++) {", "    a = a0;\n    for (let t = t0; t < t1; t++) {"),
    } }),
    "patches-rnnlab": sub({ set: { "gru-cell-forward": fwd, "clip-grads": clip }, after: { "clip-grads":
      patchRnnlab(["gradCheck", "clipGradNorm", "truncatedBptt", "gruCellForward", "gruCellBackward"], "(..._: any[]) => ({ ok: true })") } }),
  });

  itGradesSourceCorrectAndStudent(h, { "test-gru-cell-forward": 3, "test-gru-cell-backward": 4, "test-clip-grads": 3, "test-truncated-bptt": 4 });
  it("gives a submission with the forward step and clipping exactly their points", () => {
    assert.deepEqual(h.cells("partial"), { "test-gru-cell-forward": 3, "test-gru-cell-backward": 0, "test-clip-grads": 3, "test-truncated-bptt": 0 });
  });
  it("tells per-tensor clipping, a state reset per chunk and an off-by-one slice what is off", () => {
    assert.ok(h.total("wrong") > 0 && h.total("wrong") < 14, String(h.total("wrong")));
    assert.equal(h.cells("wrong")["test-gru-cell-forward"], 3);
    for (const label of ["the returned norm (large gradients)", "update 1 (steps 3 … 5): dWc", "aLast", "dbr"]) assert.equal(h.passed("wrong", label), false, label);
    assert.equal(h.passed("wrong", "update 0 (steps 0 … 2): dWc"), true);
    assert.match(h.text("wrong"), /the returned norm \(large gradients\): [^"]* — return the norm BEFORE clipping/);
    assert.match(h.text("wrong"), /aLast: [^"]* — the state is carried across chunks/);
  });
  it("cannot raise its score by patching rnnlab's reference functions and check", () => {
    assert.deepEqual(h.cells("patches-rnnlab"), h.cells("partial"));
  });
});
