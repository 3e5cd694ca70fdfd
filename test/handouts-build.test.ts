// The handout build as a user runs it: files renamed into place, an index of every complete notebook, a build marker,
// counts and exit statuses, and nothing left behind (temporary folders, staging, kernels) when a build is killed.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commitHandout, completeHandouts, readBuildMarker, stagingDir, writeIndex } from "../kernel-lib/src/handouts/store";
import { BuildTally } from "../kernel-lib/src/handouts/progress";

const ROOT = join(__dirname, "..");
const FIXTURES = join(__dirname, "fixtures");
const HANDOUTS = join(ROOT, "kernel-lib", "dist", "handouts", "main.js");
const CLI = join(ROOT, "kernel-lib", "dist", "cli", "main.js");

const entry = (name: string, pdf = false) => ({ name, title: `Title of ${name}`, ms: 1000, codeCells: 2, pdf });
function stageFiles(out: string, name: string, pdf = false): string {
  const dir = stagingDir(out, name);
  for (const ext of ["ipynb", "html", ...(pdf ? ["pdf"] : [])]) writeFileSync(join(dir, `${name}.${ext}`), `${name}.${ext} ${Math.random()}`);
  return dir;
}

describe("handouts store (staged files, markers, index)", () => {
  let out: string;
  beforeEach(() => (out = mkdtempSync(join(tmpdir(), "rnnlab-store-"))));
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it("the index lists every complete notebook, not only the last build's (--only 03 keeps 01 listed)", () => {
    commitHandout(out, stageFiles(out, "01-a", true), entry("01-a", true));
    assert.deepEqual(writeIndex(out).map((e) => e.name), ["01-a"]);
    commitHandout(out, stageFiles(out, "03-c"), entry("03-c"));
    const listed = writeIndex(out).map((e) => e.name);
    assert.deepEqual(listed, ["01-a", "03-c"]);
    const html = readFileSync(join(out, "index.html"), "utf8");
    assert.match(html, /01-a\.pdf/);
    assert.match(html, /03-c\.html/);
    assert.ok(!readdirSync(out).some((f) => f.startsWith(".staging-") || f.includes(".tmp-")), readdirSync(out).join(" "));
  });

  it("a notebook whose files changed after its marker, or whose marker is missing, is not listed", () => {
    commitHandout(out, stageFiles(out, "01-a"), entry("01-a"));
    commitHandout(out, stageFiles(out, "02-b"), entry("02-b"));
    writeFileSync(join(out, "01-a.ipynb"), "a newer notebook beside the old HTML"); // a build killed after one rename
    writeFileSync(join(out, "04-d.ipynb"), "{}");                                  // no marker at all
    writeFileSync(join(out, "04-d.html"), "<html></html>");
    assert.deepEqual(completeHandouts(out).map((e) => e.name), ["02-b"]);
  });

  it("refuses to commit a notebook whose staged files are incomplete, and leaves the old one listed", () => {
    commitHandout(out, stageFiles(out, "01-a"), entry("01-a"));
    const stage = stagingDir(out, "01-a");
    writeFileSync(join(stage, "01-a.ipynb"), "{}");
    assert.throws(() => commitHandout(out, stage, entry("01-a")), /commitHandout: 01-a\.html was not written/);
    assert.deepEqual(completeHandouts(out).map((e) => e.name), ["01-a"]);
  });

  it("BuildTally counts notebooks and cells and estimates the time left from the time per cell", () => {
    let now = 0;
    const t = new BuildTally(() => now);
    t.add({ kind: "plan", notebooks: [{ name: "01", codeCells: 3 }, { name: "02", codeCells: 5 }] });
    assert.equal(t.msLeft(), undefined);
    now = 4000;
    for (let i = 0; i < 2; i++) t.add({ kind: "cell", name: "01", index: i, done: true, ms: 2000, total: 3 });
    assert.equal(t.msLeft(), 12000); // 2 s per cell × 6 cells left
    assert.equal(t.summary(), "0/2 notebooks, 2/8 cells, about 12 s left");
  });
});

/** Processes whose environment holds `marker` (the kernels and pythons a build started). */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const p of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      if (readFileSync(`/proc/${p}/environ`, "latin1").includes(marker)) pids.push(Number(p));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

describe("npm run handouts / rnnlab handouts (real kernels)", function () {
  this.timeout(600_000);
  let work: string;
  beforeEach(() => {
    mkdirSync(join(ROOT, "tmp"), { recursive: true }); // inside the repository (git-ignored), so notebooks resolve rnnlab
    work = mkdtempSync(join(ROOT, "tmp", "handouts-"));
    mkdirSync(join(work, "nb"));
    mkdirSync(join(work, "tmp"));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("builds one notebook, then another with --only: the index lists both, build.json is written, counts are right", () => {
    copyFileSync(join(FIXTURES, "smoke.ipynb"), join(work, "nb", "01-smoke.ipynb"));
    copyFileSync(join(FIXTURES, "smoke.ipynb"), join(work, "nb", "02-smoke.ipynb"));
    const args = ["--notebooks", join(work, "nb"), "--out", join(work, "out"), "--no-pdf", "--jobs", "1"];
    const a = spawnSync(process.execPath, [HANDOUTS, ...args, "--only", "01"], { encoding: "utf8", env: { ...process.env, TMPDIR: join(work, "tmp") } });
    assert.equal(a.status, 0, a.stderr + a.stdout);
    assert.match(a.stdout, /handouts: 1 notebook, 4 code cells/);
    assert.match(a.stdout, /handouts: 1 notebook built in /);
    assert.match(a.stdout, /\[01-smoke\] cell \d+ done in [\d.]+ s \(0\/1 notebooks, 1\/4 cells, about \d+ s left\)/);
    const b = spawnSync(process.execPath, [CLI, "handouts", ...args, "--only", "02"], { encoding: "utf8", env: { ...process.env, TMPDIR: join(work, "tmp") } });
    assert.equal(b.status, 0, b.stderr + b.stdout);
    const index = readFileSync(join(work, "out", "index.html"), "utf8");
    assert.match(index, /01-smoke\.html/);
    assert.match(index, /02-smoke\.html/);
    const rec = readBuildMarker(join(work, "out"));
    assert.equal(rec?.status, "complete");
    assert.deepEqual(rec?.built, ["02-smoke"]);
    assert.deepEqual(rec?.listed, ["01-smoke", "02-smoke"]);
    assert.deepEqual(readdirSync(join(work, "tmp")), [], "temporary folders left behind");
  });

  it("exit statuses: 2 for a wrong command line, 1 for a failing cell (build.json says failed)", () => {
    const bad = spawnSync(process.execPath, [CLI, "handouts", "--jobs", "zero"], { encoding: "utf8" });
    assert.equal(bad.status, 2, bad.stderr);
    const unknown = spawnSync(process.execPath, [CLI, "--no-such-option"], { encoding: "utf8" });
    assert.equal(unknown.status, 2, unknown.stderr);
    copyFileSync(join(FIXTURES, "failing.ipynb"), join(work, "nb", "01-failing.ipynb"));
    const r = spawnSync(process.execPath, [HANDOUTS, "--notebooks", join(work, "nb"), "--out", join(work, "out"), "--no-pdf"], { encoding: "utf8", env: { ...process.env, TMPDIR: join(work, "tmp") } });
    assert.equal(r.status, 1, r.stderr + r.stdout);
    assert.match(r.stderr, /handouts: FAILED\n01-failing\.ipynb: cell 3/);
    assert.equal(readBuildMarker(join(work, "out"))?.status, "failed");
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`a build killed with ${signal} mid-cell leaves no temporary folder, staging folder, kernel or build marker, and the old handout listed`, async () => {
      copyFileSync(join(FIXTURES, "smoke.ipynb"), join(work, "nb", "01-smoke.ipynb"));
      const env = { ...process.env, TMPDIR: join(work, "tmp") };
      const first = spawnSync(process.execPath, [HANDOUTS, "--notebooks", join(work, "nb"), "--out", join(work, "out"), "--no-pdf"], { encoding: "utf8", env });
      assert.equal(first.status, 0, first.stderr);
      const before = readFileSync(join(work, "out", "01-smoke.ipynb"), "utf8");
      copyFileSync(join(FIXTURES, "slow.ipynb"), join(work, "nb", "01-smoke.ipynb")); // the next build hangs in a cell
      const child = spawn(process.execPath, [HANDOUTS, "--notebooks", join(work, "nb"), "--out", join(work, "out"), "--no-pdf"], { env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
      child.stderr.setEncoding("utf8").on("data", (c: string) => (out += c));
      const deadline = Date.now() + 120_000;
      while (!/executing 1 code cell\b/.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) assert.fail(`the build never started its cell:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      await new Promise((r) => setTimeout(r, 1500)); // the kernel is running the 30 s cell now
      assert.ok(readdirSync(join(work, "tmp")).some((n) => n.startsWith("rnnlab-nb-")), "expected a temporary folder while building");
      assert.equal(readBuildMarker(join(work, "out")), null, "build.json must be absent while a build runs");
      const running = processesWith(`TMPDIR=${join(work, "tmp")}\0`);
      assert.ok(running.length >= 3, `expected the build, its python and its kernel, found ${running.length}`);
      child.kill(signal);
      const code = await new Promise<number | null>((res) => child.on("close", (c) => res(c)));
      assert.equal(code, signal === "SIGINT" ? 130 : 143, out);
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(readdirSync(join(work, "tmp")).filter((n) => n.startsWith("rnnlab-")), [], "temporary folders left behind");
      assert.deepEqual(readdirSync(join(work, "out")).filter((n) => n.startsWith(".staging-")), []);
      assert.deepEqual(processesWith(`TMPDIR=${join(work, "tmp")}\0`), [], "processes of the killed build still run");
      assert.equal(readBuildMarker(join(work, "out")), null);
      assert.equal(readFileSync(join(work, "out", "01-smoke.ipynb"), "utf8"), before);
      assert.deepEqual(completeHandouts(join(work, "out")).map((e) => e.name), ["01-smoke"]);
      assert.ok(existsSync(join(work, "out", "index.html")));
    });
  }
});
