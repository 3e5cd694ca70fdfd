// The container set-ups (.devcontainer/ for VS Code, Dockerfile for docker) are built from scripts/setup.sh: their
// files name things that exist, and the set-up path the devcontainer image runs (--system-only) works on its own.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = join(__dirname, "..");

/** The options scripts/setup.sh accepts (its case labels). */
function setupOptions(): string[] {
  return [...readFileSync(join(ROOT, "scripts", "setup.sh"), "utf8").matchAll(/^\s+(--[a-z-]+)\) /gm)].map((m) => m[1]);
}

describe("devcontainer and Dockerfile", function () {
  this.timeout(120_000);

  it(".devcontainer: a valid devcontainer.json whose image is Debian 12 + Node 20 and runs the set-up script", () => {
    const dc = JSON.parse(readFileSync(join(ROOT, ".devcontainer", "devcontainer.json"), "utf8"));
    const context = resolve(ROOT, ".devcontainer", dc.build.context);
    assert.equal(context, resolve(ROOT));
    const dockerfile = readFileSync(join(ROOT, ".devcontainer", dc.build.dockerfile), "utf8");
    assert.match(dockerfile, /^FROM node:20-bookworm$/m, "Debian 12 with Node 20 (≥ 20.19)");
    for (const [, src] of dockerfile.matchAll(/^COPY (\S+) /gm)) assert.ok(existsSync(join(context, src)), `COPY ${src}: not in the build context`);
    const run = /^RUN bash (\S+) (--[a-z-]+)/m.exec(dockerfile);
    assert.ok(run && setupOptions().includes(run[2]), `the image runs setup.sh with an option it accepts: ${run?.[2]}`);
    assert.equal(dc.postCreateCommand, "npm run setup -- --user");
    assert.equal(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.setup, "bash scripts/setup.sh");
    assert.ok(setupOptions().includes("--user"));
    assert.equal(dc.containerEnv.JUPYTER_PATH, "${containerWorkspaceFolder}/.jupyter/share/jupyter", "the project's kernelspec is found");
  });

  it("the Dockerfile copies the repository and runs the same set-up script; .dockerignore leaves out built files", () => {
    const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
    assert.match(dockerfile, /^FROM node:20-bookworm$/m);
    assert.match(dockerfile, /^COPY \. \.$/m);
    const run = /^RUN bash scripts\/setup\.sh (--[a-z-]+)/m.exec(dockerfile);
    assert.ok(run && setupOptions().includes(run[1]));
    assert.match(dockerfile, /^ENV LAB_IP=0\.0\.0\.0$/m);
    assert.match(readFileSync(join(ROOT, "scripts", "lab.sh"), "utf8"), /--ip="\$\{LAB_IP:-127\.0\.0\.1\}"/);
    const ignore = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n");
    for (const p of ["node_modules", "kernel-lib/dist", "handouts", ".jupyter", ".git"]) assert.ok(ignore.includes(p), p);
    // `docker run rnnlab jupyter kernelspec list` finds the project's kernel: JUPYTER_PATH is the copy's .jupyter
    const workdir = /^WORKDIR (\S+)$/m.exec(dockerfile)?.[1];
    assert.match(dockerfile, new RegExp(`^ENV JUPYTER_PATH=${workdir}/\\.jupyter/share/jupyter$`, "m"));
  });

  it("setup.sh --system-only, run from where the image copies it, checks Node and the packages and touches nothing else", () => {
    const dir = mkdtempSync(join(tmpdir(), "rnnlab-dc-"));
    try {
      mkdirSync(join(dir, "scripts"));
      copyFileSync(join(ROOT, "scripts", "setup.sh"), join(dir, "scripts", "setup.sh"));
      const r = spawnSync("bash", [join(dir, "scripts", "setup.sh"), "--system-only", "--no-apt"], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr + r.stdout);
      assert.match(r.stdout, /system packages in place \(--system-only/);
      assert.deepEqual(readdirSync(dir), ["scripts"], "nothing written beside the script");
      const bad = spawnSync("bash", [join(ROOT, "scripts", "setup.sh"), "--no-such-option"], { encoding: "utf8" });
      assert.equal(bad.status, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("setup.sh stops at once when npm ci reports success but installed nothing (npm 10 after a dropped connection)", () => {
    const dir = mkdtempSync(join(tmpdir(), "rnnlab-npm-"));
    try {
      mkdirSync(join(dir, "scripts"));
      mkdirSync(join(dir, "bin"));
      copyFileSync(join(ROOT, "scripts", "setup.sh"), join(dir, "scripts", "setup.sh"));
      copyFileSync(join(ROOT, "package-lock.json"), join(dir, "package-lock.json"));
      // an npm whose `ci` prints npm's error and exits 0 without writing node_modules
      writeFileSync(join(dir, "bin", "npm"), "#!/bin/sh\necho 'npm error Exit handler never called!' >&2\nexit 0\n", { mode: 0o755 });
      const r = spawnSync("bash", [join(dir, "scripts", "setup.sh"), "--no-apt"], {
        encoding: "utf8", env: { ...process.env, PATH: `${join(dir, "bin")}:${process.env.PATH}` },
      });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /setup: npm ci did not finish \(see npm's errors above\); run npm run setup again/);
      assert.doesNotMatch(r.stdout, /building rnnlab/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
