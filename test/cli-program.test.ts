// The `rnnlab` program as nbgrader/otter users expect it: --version, examples in --help, handouts as a subcommand, exit statuses.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "kernel-lib", "dist", "cli", "main.js");
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });

describe("rnnlab command line", function () {
  this.timeout(60_000);

  it("--version and -V print the package's version and exit 0", () => {
    const version = JSON.parse(readFileSync(join(ROOT, "kernel-lib", "package.json"), "utf8")).version;
    for (const flag of ["--version", "-V"]) {
      const r = run(flag);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.trim(), version);
    }
  });

  it("--help lists every command with examples and the exit statuses", () => {
    const r = run("--help");
    assert.equal(r.status, 0, r.stderr);
    for (const cmd of ["assign", "grade", "validate", "handouts"]) assert.match(r.stdout, new RegExp(`^  ${cmd} `, "m"));
    assert.match(r.stdout, /Examples:\n  rnnlab assign /);
    assert.match(r.stdout, /Exit status: 0 done · 1 .* 2 wrong command line · 3 set-up missing/);
  });

  it("handouts is a subcommand with its own help and examples", () => {
    const r = run("handouts", "--help");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Usage: rnnlab handouts \[options\]/);
    assert.match(r.stdout, /--only <prefixes\.\.\.>/);
    assert.match(r.stdout, /npm run handouts -- --only 03 --no-pdf/);
  });

  it("a wrong command line exits 2 and says what was wrong", () => {
    for (const args of [["--frobnicate"], ["handouts", "--jobs", "-1"], ["no-such-command"]]) {
      const r = run(...args);
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /unknown|must be|error/i);
    }
  });
});
