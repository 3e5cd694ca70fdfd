// The `rnnlab` program as nbgrader/otter users expect it: --version, examples in --help, handouts as a subcommand, exit statuses.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliError, EXIT } from "../kernel-lib/src/cli/exit-codes";
import { reportError } from "../kernel-lib/src/cli/main";

const ROOT = join(__dirname, "..");
const CLI = join(ROOT, "kernel-lib", "dist", "cli", "main.js");
const run = (...args: string[]) => runEnv({}, ...args);
const runEnv = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: ROOT, env: { ...process.env, FORCE_COLOR: "0", ...env } });
const SRC = join(ROOT, "notebooks", "homework", "hw1-rnn-cell-source.ipynb");
let tmp = "";

describe("rnnlab command line", function () {
  this.timeout(60_000);
  before(() => { tmp = mkdtempSync(join(tmpdir(), "rnnlab-cli-")); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

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
    assert.match(r.stdout, /Exit status: 0 done · 1 .* 2 wrong command line · 3 set-up missing .*\n· 4 a file or folder missing .* 5 internal error .* 130 interrupted/);
  });

  it("handouts is a subcommand with its own help and examples", () => {
    const r = run("handouts", "--help");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Usage: rnnlab handouts \[options\]/);
    assert.match(r.stdout, /--only <prefixes\.\.\.>/);
    assert.match(r.stdout, /npm run handouts -- --only 03 --no-pdf/);
  });

  it("a wrong command line exits 2 and says what was wrong", () => {
    const src = join(ROOT, "notebooks", "homework", "hw1-rnn-cell-source.ipynb"), out = join(tmp, "out");
    for (const args of [
      ["--frobnicate"], ["handouts", "--jobs", "-1"], ["no-such-command"], ["assign", src],
      ["grade", src, src, "--out", out, "--timeout", "abc"], ["grade", src, src, "--out", out, "--jobs", "0"],
      ["grade", src, src, "--out", out, "--shard", "5/4"], ["validate", src, "--memory", "-5"], ["assign", src, "--out", out, "--notebook-timeout", "x"],
    ]) {
      const r = run(...args);
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /unknown|must be|error|expected/i);
    }
  });

  it("a missing or unusable file or folder exits 4 and names it, before any kernel starts", () => {
    const notJson = join(tmp, "garbage.ipynb"), noCells = join(tmp, "no-cells.ipynb"), aFile = join(tmp, "a-file");
    writeFileSync(notJson, "not json");
    writeFileSync(noCells, JSON.stringify({ nbformat: 4 }));
    writeFileSync(aFile, "");
    const out = join(tmp, "grades");
    const cases: [string[], RegExp][] = [
      [["grade", join(tmp, "missing-source.ipynb"), SRC, "--out", out], /the source notebook .*missing-source\.ipynb does not exist/],
      [["grade", SRC, join(tmp, "missing-sub.ipynb"), "--out", out], /the submission .*missing-sub\.ipynb does not exist/],
      [["grade", SRC, SRC, "--out", out, "--manual", join(tmp, "no.csv")], /the manual grades file .*no\.csv does not exist/],
      [["grade", SRC, SRC, "--out", join(aFile, "sub")], /the output folder .* cannot be made/],
      [["grade", "merge", join(tmp, "nowhere"), "--out", out], /grade merge: .*nowhere does not exist/],
      [["grade", "merge", tmp, "--out", out], /has no results\/ folder/],
      [["assign", notJson, "--out", out], /garbage\.ipynb is not a notebook: invalid JSON/],
      [["validate", noCells], /no-cells\.ipynb is not a notebook/],
      [["validate", join(ROOT, "notebooks", "01-rnn-forward.ipynb")], /has no graded cell .* is it an assignment\?/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      assert.equal(r.status, EXIT.input, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, "a known failure has no stack");
    }
  });

  it("a missing set-up exits 3: no bubblewrap jail for grade, no Jupyter python for validate and assign's check", () => {
    const noJail = runEnv({ RNNLAB_BWRAP: "/nonexistent/bwrap" }, "grade", SRC, SRC, "--out", join(tmp, "g3"));
    assert.equal(noJail.status, EXIT.setup, noJail.stderr);
    assert.match(noJail.stderr, /refusing to grade unjailed.*--no-sandbox/);
    for (const args of [["validate", SRC], ["assign", SRC, "--out", join(tmp, "a3")]]) {
      const r = runEnv({ RNNLAB_PYTHON: "/nonexistent/python" }, ...args);
      assert.equal(r.status, EXIT.setup, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /cannot import jupyter_client.*npm run setup/);
    }
  });

  it("an unexpected error exits 5 with its stack; a CliError with its own status and no stack", () => {
    const lines: string[] = [];
    assert.equal(reportError(new TypeError("boom"), (t) => lines.push(t)), EXIT.internal);
    assert.match(lines[0]!, /^rnnlab: internal error \(a bug in rnnlab; please report it with the command line\):\nTypeError: boom\n\s+at /);
    assert.equal(reportError(new CliError("the submission x does not exist", EXIT.input), (t) => lines.push(t)), EXIT.input);
    assert.equal(lines[1], "rnnlab: the submission x does not exist");
    assert.deepEqual(Object.values(EXIT), [0, 1, 2, 3, 4, 5, 130], "the documented statuses, all distinct");
  });

  it("a source notebook that fails its own tests exits 1 (the work failed), not 5", function () {
    this.timeout(600_000); // one kernel on a loaded machine
    const nb = JSON.parse(readFileSync(SRC, "utf8"));
    const cell = nb.cells.find((c: { metadata: { nbgrader?: { grade_id?: string } } }) => c.metadata.nbgrader?.grade_id === "rnn-cell-forward");
    const src: string = cell.source.join("");
    cell.source = [src.replace("// BEGIN SOLUTION\n", "// BEGIN SOLUTION\n  throw new Error(\"broken on purpose\");\n")];
    assert.notEqual(cell.source[0], src);
    const broken = join(ROOT, "notebooks", "homework", `.broken-${process.pid}-source.ipynb`); // beside the real one: same library
    writeFileSync(broken, JSON.stringify(nb));
    try {
      const r = run("assign", broken, "--out", join(tmp, "a1"), "--timeout", "120");
      assert.equal(r.status, EXIT.failed, r.stderr);
      assert.match(r.stderr, /does not pass its own tests[\s\S]*broken on purpose/);
    } finally {
      rmSync(broken, { force: true });
    }
  });
});

describe("rnnlab output into a pipe that closes early", () => {
  it("ends with status 0 and no stack when the reader stops (rnnlab --help | head -c 10)", () => {
    const line = `set -o pipefail; "${process.execPath}" "${CLI}" --help | head -c 10 >/dev/null`;
    const r = spawnSync("/bin/bash", ["-c", line], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/);
  });
});
