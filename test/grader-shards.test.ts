// `rnnlab grade` as an instructor runs it on a class: interrupted and resumed, in shards merged back into the same bytes, and `validate` giving the same per-cell points as `grade`.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadAssignment, studentNotebook } from "../kernel-lib/src/grading/authoring";
import { readNotebook, stringifyNotebook, cellText, Notebook } from "../kernel-lib/src/grading/notebook";

const ROOT = resolve(__dirname, "..");
const CLI = join(ROOT, "kernel-lib", "dist", "cli", "main.js");
const SOURCE = join(ROOT, "notebooks", "homework", "hw1-rnn-cell-source.ipynb");

// The CLI's own TMPDIR: what is left in it after the runs is what the grader failed to remove.
const privateTmp = mkdtempSync(join(tmpdir(), "rnnlab-shards-tmp-"));
chmodSync(privateTmp, 0o711); // the jails' own users pass through it to their binds

type Run = { code: number | null; signal: NodeJS.Signals | null; out: string; err: string };
/** Runs the CLI; `onErr` sees stderr as it comes (and may kill the child). */
function cli(args: string[], onErr?: (text: string, kill: () => void) => void, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((res) => {
    // generous per-cell limits: nothing here loops, and a loaded machine slows every kernel
    const limits = args[0] === "validate" || (args[0] === "grade" && args[1] !== "merge") ? ["--timeout", "90"] : [];
    const child = spawn(process.execPath, [CLI, ...args, ...limits], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TMPDIR: privateTmp, ...env } });
    let out = "", err = "";
    child.stdout.on("data", (d) => { out += d; });
    child.stderr.on("data", (d) => { err += d; onErr?.(err, () => child.kill("SIGINT")); });
    child.on("close", (code, signal) => res({ code, signal, out, err }));
  });
}

/** The student version with the given solution cells filled in from the source. */
function submission(keys: string[]): Notebook {
  const src = readNotebook(SOURCE);
  const nb = JSON.parse(stringifyNotebook(studentNotebook(loadAssignment(src)))) as Notebook;
  for (const c of nb.cells) {
    const key = c.metadata.nbgrader?.grade_id;
    if (!key || !keys.includes(key)) continue;
    const s = src.cells.find((x) => x.metadata.nbgrader?.grade_id === key)!;
    c.source = cellText(s).split("\n").filter((l) => !/\/\/\s*(BEGIN|END) SOLUTION/.test(l)).join("\n");
  }
  return nb;
}

/** grades.csv, grades.json and every feedback page of an output dir, as one comparable record. */
const outputs = (dir: string): Record<string, string> => Object.fromEntries([
  ["grades.csv", readFileSync(join(dir, "grades.csv"), "utf8")],
  ["grades.json", readFileSync(join(dir, "grades.json"), "utf8")],
  ...readdirSync(join(dir, "feedback")).sort().map((f) => [`feedback/${f}`, readFileSync(join(dir, "feedback", f), "utf8")]),
]);

describe("rnnlab grade: interrupted and resumed, sharded and merged; validate agrees with grade", function () {
  this.timeout(1_200_000);
  const dir = mkdtempSync(join(tmpdir(), "rnnlab-shards-"));
  const names = { correct: ["rnn-cell-forward", "rnn-cell-backward", "rnn-forward-backward"], partial: ["rnn-cell-forward", "rnn-forward-backward"], empty: [] as string[] };
  const files = Object.entries(names).map(([n, keys]) => { const f = join(dir, `${n}.ipynb`); writeFileSync(f, stringifyNotebook(submission(keys))); return f; });
  const whole = join(dir, "whole"), s1 = join(dir, "s1"), s2 = join(dir, "s2"), merged = join(dir, "merged");
  let interrupted: Run, resumed: Run, shard1: Run, shard2: Run, merge: Run;
  after(() => { for (const d of [dir, privateTmp]) rmSync(d, { recursive: true, force: true }); });

  before(async () => {
    // Ctrl-C as soon as the first result is stored, then the same command again
    interrupted = await cli(["grade", SOURCE, ...files, "--out", whole, "--jobs", "1"], (err, kill) => { if (/\[1\/3\]/.test(err)) kill(); });
    resumed = await cli(["grade", SOURCE, ...files, "--out", whole, "--jobs", "1"]);
    [shard1, shard2] = await Promise.all([
      cli(["grade", SOURCE, ...files, "--out", s1, "--jobs", "1", "--shard", "1/2"]),
      cli(["grade", SOURCE, ...files, "--out", s2, "--jobs", "1", "--shard", "2/2"]),
    ]);
    merge = await cli(["grade", "merge", s1, s2, "--out", merged]);
  });

  it("keeps the finished grade when interrupted, and resumes with the rest", () => {
    assert.notEqual(interrupted.code, 0);
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.err, /kept from an earlier run/);
    assert.match(resumed.err, /\[3\/3\]/);
    assert.deepEqual(readFileSync(join(whole, "grades.csv"), "utf8").split("\n"),
      ["student,test-rnn-cell-forward,test-rnn-cell-backward,test-bptt,total,notes", "correct,2,3,3,8,", "empty,0,0,0,0,", "partial,2,0,0.75,2.75,", ""]);
  });
  it("grades each submission in exactly one shard, and merges the shards into the same bytes as one run", () => {
    for (const r of [shard1, shard2, merge]) assert.equal(r.code, 0, r.err);
    const n1 = readdirSync(join(s1, "results")).length, n2 = readdirSync(join(s2, "results")).length;
    assert.deepEqual([n1, n2].sort(), [1, 2]);
    assert.deepEqual(outputs(merged), outputs(whole));
  });
  it("validate gives the per-cell points grade gives when the hidden checks fare as the visible ones, and exits 1 when a visible test fails", async () => {
    const grades = JSON.parse(readFileSync(join(whole, "grades.json"), "utf8")).grades as { student: string; cells: { key: string; points: number }[] }[];
    const validated: Record<string, Run> = {};
    for (const name of ["correct", "empty", "partial"]) validated[name] = await cli(["validate", join(dir, `${name}.ipynb`)]);
    for (const [name, code] of [["correct", 0], ["empty", 1], ["partial", 1]] as const) {
      const v = validated[name]!;
      assert.equal(v.code, code, v.out + v.err);
      assert.match(v.err, /\[\d+\/\d+\] rnn-cell-forward: ok/);
    }
    for (const name of ["correct", "empty"]) {
      for (const c of grades.find((g) => g.student === name)!.cells) assert.match(validated[name]!.out, new RegExp(`^${c.key}: ${c.points} / `, "m"), validated[name]!.out);
    }
    // partial: BPTT stops at the first backward call; 2 of its 6 visible checks ran and passed (2 of 8 with the hidden ones)
    assert.match(validated.partial!.out, /^test-bptt: 1 \/ 3$/m, validated.partial!.out);
    assert.match(validated.partial!.out, /a check after the error: not reached/);
  });
  it("refuses to grade without a jail, and with --no-sandbox marks every result", async () => {
    const noJail = { RNNLAB_BWRAP: "/nonexistent/bwrap" };
    const refused = await cli(["grade", SOURCE, files[2]!, "--out", join(dir, "refused")], undefined, noJail);
    assert.equal(refused.code, 3, refused.err); // set-up missing (EXIT.setup)
    assert.match(refused.err, /refusing to grade unjailed.*--no-sandbox/);
    assert.ok(!existsSync(join(dir, "refused", "grades.csv")));
    const open = await cli(["grade", SOURCE, files[2]!, "--out", join(dir, "open"), "--no-sandbox"], undefined, noJail);
    assert.equal(open.code, 0, open.err);
    assert.match(open.err, /WITHOUT the jail/);
    assert.equal(readFileSync(join(dir, "open", "grades.csv"), "utf8").split("\n")[1], "empty,0,0,0,0,sandbox off");
    assert.match(readFileSync(join(dir, "open", "feedback", "empty.html"), "utf8"), /sandbox off: this submission ran without the jail/);
  });
  it("grades the same while another process hard-links the library's files (a second grader setting up)", async () => {
    // a hard link changes the inode's link count, which a file watcher in the kernel would take for an edit
    const links = mkdtempSync(join(tmpdir(), "rnnlab-links-"));
    const loop = spawn("/bin/sh", ["-c", 'while :; do cp -al "$1/node_modules" "$1/kernel-lib/dist" "$2/" && rm -rf "$2"/*; done', "sh", ROOT, links], { stdio: "ignore", detached: true });
    const stopped = new Promise((res) => loop.on("exit", res));
    try {
      const r = await cli(["grade", SOURCE, files[0]!, "--out", join(dir, "linked"), "--jobs", "1"]);
      assert.equal(r.code, 0, r.err);
      assert.equal(readFileSync(join(dir, "linked", "grades.csv"), "utf8").split("\n")[1], "correct,2,3,3,8,", r.err);
    } finally {
      process.kill(-loop.pid!, "SIGKILL"); // the shell and its cp
      await stopped;
      rmSync(links, { recursive: true, force: true, maxRetries: 5 });
    }
  });
  it("leaves no temp folder behind, interrupted or not", () => {
    assert.deepEqual(readdirSync(privateTmp), []);
  });
});
