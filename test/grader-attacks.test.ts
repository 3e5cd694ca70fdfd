// Hostile submissions graded by the real `rnnlab grade` command in one run: jail escapes, bombs, floods, realm and channel tricks. Each may score only what its honest parts earn; the run completes; nothing of the instructor's changes; no process outlives the jail.
import { strict as assert } from "node:assert";
import { spawn, execSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadAssignment, studentNotebook } from "../kernel-lib/src/grading/authoring";
import { readNotebook, stringifyNotebook, cellText, Notebook, NotebookCell } from "../kernel-lib/src/grading/notebook";

const ROOT = resolve(__dirname, "..");
const CLI = join(ROOT, "kernel-lib", "dist", "cli", "main.js");
const SOURCE = join(ROOT, "notebooks", "homework", "hw1-rnn-cell-source.ipynb");
const ATTACKS = join(__dirname, "fixtures", "attacks");
const SECRET_NAME = "RNNLAB_INSTRUCTOR_SECRET", SECRET = `s3cr3t-${process.pid}-value`;
const sha = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");

/** The source's solution code of a cell (markers dropped). */
function solution(nb: Notebook, key: string): string {
  const cell = nb.cells.find((c) => c.metadata.nbgrader?.grade_id === key)!;
  return cellText(cell).split("\n").filter((l) => !/\/\/\s*(BEGIN|END) SOLUTION/.test(l)).join("\n");
}

/** The student version with some solution cells replaced and one cell added after the forward solution. */
function submission(set: Record<string, string>, extra?: string): Notebook {
  const nb = JSON.parse(stringifyNotebook(studentNotebook(loadAssignment(readNotebook(SOURCE))))) as Notebook;
  const cells: NotebookCell[] = [];
  for (const c of nb.cells) {
    const key = c.metadata.nbgrader?.grade_id;
    if (key && set[key] !== undefined) c.source = set[key]!;
    cells.push(c);
    if (key === "rnn-cell-forward" && extra) cells.push({ cell_type: "code", metadata: {}, source: extra, outputs: [], execution_count: null });
  }
  return { ...nb, cells };
}

/** Runs the CLI; resolves with its exit code and output. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, TMPDIR: privateTmp, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => { out += d; });
    child.stderr.on("data", (d) => { err += d; });
    child.on("close", (code) => res({ code, out, err }));
  });
}

// The CLI runs with its own TMPDIR: every temp dir of the run, and every jail's arguments, name it (other graders
// may run on a shared machine at the same time).
const privateTmp = mkdtempSync(join(tmpdir(), "rnnlab-attacks-tmp-"));
chmodSync(privateTmp, 0o711); // the jails' own users pass through it to their binds

/** Processes of this run's jails (their arguments name its temp dirs), or sleeping children a submission spawned. */
const jailProcesses = (): string[] => execSync("ps -eo uid=,pid=,args=", { encoding: "utf8" }).split("\n")
  .filter((l) => l.includes(privateTmp) || /\bsleep 600\b/.test(l));

describe("rnnlab grade against hostile submissions (one CLI run, jailed kernels)", function () {
  this.timeout(1_200_000);
  const src = readNotebook(SOURCE);
  const fwd = solution(src, "rnn-cell-forward"), bwd = solution(src, "rnn-cell-backward"), seq = solution(src, "rnn-forward-backward");
  const all = { "rnn-cell-forward": fwd, "rnn-cell-backward": bwd, "rnn-forward-backward": seq };
  const dir = mkdtempSync(join(tmpdir(), "rnnlab-attacks-"));
  const instructor = join(dir, "instructor"), subs = join(dir, "submissions"), out = join(dir, "grades");
  const guard = join(instructor, "hw1-rnn-cell-source.ipynb");
  const guarded = [guard, join(ROOT, "kernel-lib", "dist", "index.js"), join(ROOT, "node_modules", "tslab", "package.json")];
  let server: Server;
  const received: string[] = [];
  let run: { code: number | null; out: string; err: string };
  let hashes: string[];
  const grades = new Map<string, { total: number; cells: { key: string; points: number; error?: string; checks: { passed: boolean; message: string }[] }[]; notes: string[]; flags: string[] }>();
  let csv: string[];

  before(async () => {
    mkdirSync(instructor); mkdirSync(subs);
    copyFileSync(SOURCE, guard);
    server = createServer((s) => { received.push("connection"); s.on("data", (d) => received.push(String(d))); });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as { port: number }).port;
    const attack = (name: string) => readFileSync(join(ATTACKS, `${name}.ts`), "utf8")
      .replace(/__LISTENER_PORT__/g, String(port)).replace(/__SECRET_NAME__/g, SECRET_NAME)
      .replace(/__GUARD__/g, guard).replace(/__SUBMISSIONS__/g, subs).replace(/__MARK__/g, "pwned-by-a-submission");
    const hog = "const hog: Buffer[] = [];\nfor (let i = 0; i < 3 * 1024; i++) hog.push(Buffer.alloc(1 << 20, 1)); // 3 GiB outside the JavaScript heap\n";
    const subsByName: Record<string, Notebook> = {
      correct: submission(all),
      jail: submission({}, attack("jail")),
      bombs: submission(all, attack("bombs")),
      "hog-and-loop": submission({ ...all, "rnn-cell-backward": bwd.replace("{\n", `{\n${hog}`), "rnn-forward-backward": seq.replace("const p = caches[0].p;", "while (true) {}\n  const p = caches[0].p;") }),
      realm: submission({}, attack("realm")),
      protocol: submission({ ...all, "rnn-cell-backward": attack("protocol") }),
    };
    for (const [name, nb] of Object.entries(subsByName)) writeFileSync(join(subs, `${name}.ipynb`), stringifyNotebook(nb));
    hashes = guarded.map(sha);
    run = await cli(["grade", guard, ...Object.keys(subsByName).map((n) => join(subs, `${n}.ipynb`)), "--out", out, "--jobs", "2", "--timeout", "45"], { [SECRET_NAME]: SECRET });
    const json = JSON.parse(readFileSync(join(out, "grades.json"), "utf8")) as { grades: (typeof grades extends Map<string, infer G> ? G & { student: string } : never)[] };
    for (const g of json.grades) grades.set(g.student, g);
    csv = readFileSync(join(out, "grades.csv"), "utf8").trim().split("\n");
  });
  after(() => {
    server?.close();
    if (!process.env.RNNLAB_KEEP_TEST_DIRS) for (const d of [dir, privateTmp]) rmSync(d, { recursive: true, force: true });
  });

  /** What the student sees: the feedback page, and the grade's cells and notes. */
  const text = (name: string) => JSON.stringify({ cells: grades.get(name)!.cells, notes: grades.get(name)!.notes }) + readFileSync(join(out, "feedback", `${name}.html`), "utf8");
  const cells = (name: string) => Object.fromEntries(grades.get(name)!.cells.map((c) => [c.key, c.points]));

  it("completes, with a grade for every submission and the notes column", () => {
    assert.equal(run.code, 0, run.err.slice(-3000));
    assert.equal(csv[0], "student,test-rnn-cell-forward,test-rnn-cell-backward,test-bptt,total,notes");
    assert.equal(csv.length, 7, csv.join("\n"));
    assert.equal(readdirSync(join(out, "results")).filter((f) => f.endsWith(".json")).length, 6);
    assert.match(run.err, /\[6\/6\]/);
  });
  it("gives the honest submission every point", () => assert.equal(grades.get("correct")!.total, 8));
  it("keeps the jail closed: no remount, no device node, no write into the grader or the instructor's files, no network, no environment, no instructor path", () => {
    const t = text("jail");
    assert.equal(grades.get("jail")!.total, 0);
    assert.match(t, /jail report/, "the attack cell's report reached the feedback");
    assert.match(t, /refused: mount -o remount,rw \/opt\/rnnlab/);
    assert.match(t, /refused: mknod/);
    assert.match(t, /refused \/opt\/rnnlab\/kernel-lib\/dist\/index.js/);
    assert.doesNotMatch(t, /wrote /);
    assert.match(t, /env HOME,TMPDIR,PATH,NODE_OPTIONS(,PWD)? /);
    assert.match(t, /unreadable hw1-rnn-cell-source.ipynb: ENOENT/);
    assert.match(t, /unreadable correct.ipynb: ENOENT/);
    assert.deepEqual(guarded.map(sha), hashes, "the source notebook, the library and node_modules are unchanged");
    assert.deepEqual(received, [], "nothing reached the host's 127.0.0.1 listener");
    assert.ok(!t.includes(SECRET), "the instructor's environment stays outside");
    assert.match(t, /secret undefined/);
    for (const p of [dir, ROOT, instructor]) assert.ok(!t.includes(p), `feedback names ${p}`);
    assert.match(t, /mounts .*\/opt\/rnnlab/, "the mount table was read, and shows only neutral paths");
  });
  it("survives a fork bomb, 30 MB of output and writes to fd 1/2/3: full points, output capped, no process left", () => {
    assert.equal(grades.get("bombs")!.total, 8, text("bombs").slice(0, 3000));
    assert.ok(grades.get("bombs")!.flags.includes("output capped"));
    assert.match(csv.find((l) => l.startsWith("bombs,"))!, /output capped/);
    assert.deepEqual(jailProcesses(), []);
  });
  it("stops a 3 GiB off-heap allocation and an infinite loop, keeping the other cells' points", () => {
    const c = cells("hog-and-loop");
    assert.equal(c["test-rnn-cell-forward"], 2);
    assert.equal(c["test-rnn-cell-backward"], 0);
    assert.ok(grades.get("hog-and-loop")!.total < 8);
    // the allocation either throws (address-space limit) or takes the kernel down; either way that call fails
    const bwdError = grades.get("hog-and-loop")!.cells.find((c) => c.key === "test-rnn-cell-backward")!.error ?? "";
    assert.match(bwdError, /Array buffer allocation failed|allocation failed|out of memory|closed the channel|kernel died/i, bwdError);
    assert.ok(grades.get("hog-and-loop")!.flags.includes("timeout"), JSON.stringify(grades.get("hog-and-loop")!.flags));
  });
  it("gains from patched prototypes, a forged serve loop and forged replies only what its forged values earn, and never sees the hidden tests", () => {
    const t = text("realm");
    // the forged reply is a [2, 4] tensor of zeros: exactly what returning zeros of that shape earns (the visible shape check)
    const passed = grades.get("realm")!.cells.flatMap((c) => c.checks.filter((x) => x.passed).map((x) => x.message));
    assert.deepEqual(passed, ["a_next: passed"], t.slice(0, 3000));
    assert.equal(grades.get("realm")!.total, 0.33);
    assert.match(t, /captured: /, "what the forged loop received reached the feedback");
    for (const code of ["rl.seed(101)", "randomParams(5, 3)", "numericalGrad(L2", "BEGIN HIDDEN", "check.close"]) assert.ok(!t.includes(code), `hidden test code leaked: ${code}`);
  });
  it("fails only the cells a garbled reply reaches, with a protocol-error note", () => {
    assert.equal(cells("protocol")["test-rnn-cell-forward"], 2);
    assert.equal(cells("protocol")["test-rnn-cell-backward"], 0);
    assert.ok(grades.get("protocol")!.flags.includes("protocol error"), JSON.stringify(grades.get("protocol")!.flags));
  });
  it("leaves no temp folder of the run and no process of any jail", () => {
    assert.deepEqual(jailProcesses(), []);
    assert.deepEqual(readdirSync(privateTmp), []);
  });
});
