// The kernelspec "rnnlab": its format as jupyter_client reads it, a moved clone still starts, a stale user spec is
// named, tslab's own spec is left alone, and every notebook of the repository names the kernel "rnnlab".
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JUPYTER_PYTHON } from "../kernel-lib/src/jupyter/paths";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME, kernelSpecDir, kernelSpecProblem, writeKernelSpec } from "../kernel-lib/src/jupyter/kernelspec";

const ROOT = join(__dirname, "..");

/** The command jupyter_client would run for the kernel `name` found on `jupyterPath` (its own substitution of {resource_dir}). */
function kernelCommand(jupyterPath: string, name: string): string[] {
  const py = `import json, sys
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name=sys.argv[1]); km.connection_file = "/tmp/c.json"; km._launch_args = {}
print(json.dumps(km.format_kernel_cmd()))`;
  return JSON.parse(execFileSync(JUPYTER_PYTHON, ["-c", py, name], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, JUPYTER_PATH: jupyterPath } }));
}

/** A fake clone: a tslab executable at node_modules/.bin/tslab. */
function fakeClone(base: string): string {
  const root = join(base, "clone");
  mkdirSync(join(root, "node_modules", ".bin"), { recursive: true });
  writeFileSync(join(root, "node_modules", ".bin", "tslab"), "#!/bin/sh\n", { mode: 0o755 });
  return root;
}

describe("kernelspec rnnlab", function () {
  this.timeout(60_000);
  let base: string;
  beforeEach(() => (base = mkdtempSync(join(tmpdir(), "rnnlab-kspec-"))));
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it("is named rnnlab (not tslab) and is valid for jupyter_client: argv, display_name, language", () => {
    const root = fakeClone(base);
    const dir = writeKernelSpec(root);
    assert.equal(dir, join(root, ".jupyter", "share", "jupyter", "kernels", "rnnlab"));
    const spec = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8"));
    assert.deepEqual(Object.keys(spec).sort(), ["argv", "display_name", "language"]);
    assert.equal(spec.display_name, KERNEL_DISPLAY_NAME);
    const list = JSON.parse(execFileSync(JUPYTER_PYTHON, ["-m", "jupyter_client.kernelspecapp", "list", "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, JUPYTER_PATH: join(root, ".jupyter", "share", "jupyter") } }));
    assert.equal(list.kernelspecs[KERNEL_NAME]?.spec.language, "typescript");
    assert.equal(list.kernelspecs[KERNEL_NAME]?.spec.display_name, "TypeScript (rnnlab)");
  });

  it("the project's spec still starts tslab after the clone is moved (argv relative to {resource_dir})", () => {
    const root = fakeClone(base);
    writeKernelSpec(root);
    const moved = join(base, "elsewhere");
    renameSync(root, moved);
    const cmd = kernelCommand(join(moved, ".jupyter", "share", "jupyter"), KERNEL_NAME);
    assert.ok(existsSync(cmd[0]), `jupyter_client would run ${cmd[0]}`);
    assert.ok(cmd[0].startsWith(moved), cmd[0]);
    assert.deepEqual(cmd.slice(1), ["kernel", "--config-path", "/tmp/c.json"]);
    assert.equal(kernelSpecProblem(moved), null);
  });

  it("a user spec (absolute, for VS Code) left pointing at a moved clone is named stale, and set-up rewrites it", () => {
    const prev = process.env.XDG_DATA_HOME;
    process.env.XDG_DATA_HOME = join(base, "xdg");
    try {
      const root = fakeClone(base);
      writeKernelSpec(root, { user: true });
      assert.equal(kernelSpecProblem(root, { user: true }), null);
      const moved = join(base, "moved");
      renameSync(root, moved);
      assert.match(kernelSpecProblem(moved, { user: true }) ?? "", /does not exist \(was the folder moved\?\): run 'npm run setup -- --user'/);
      writeKernelSpec(moved, { user: true });
      assert.equal(kernelSpecProblem(moved, { user: true }), null);
      assert.equal(kernelCommand(join(base, "xdg", "jupyter"), KERNEL_NAME)[0], join(moved, "node_modules", ".bin", "tslab"));
    } finally {
      if (prev === undefined) delete process.env.XDG_DATA_HOME; else process.env.XDG_DATA_HOME = prev;
    }
  });

  it("removes the 'tslab' spec earlier set-ups wrote, but never tslab's own", () => {
    const root = fakeClone(base);
    const kernels = join(root, ".jupyter", "share", "jupyter", "kernels");
    mkdirSync(join(kernels, "tslab"), { recursive: true });
    writeFileSync(join(kernels, "tslab", "kernel.json"), JSON.stringify({ argv: ["x"], display_name: "TypeScript (rnnlab)", language: "typescript" }));
    writeKernelSpec(root);
    assert.ok(!existsSync(join(kernels, "tslab")));
    mkdirSync(join(kernels, "tslab"), { recursive: true });
    writeFileSync(join(kernels, "tslab", "kernel.json"), JSON.stringify({ argv: ["tslab"], display_name: "TypeScript", language: "typescript" }));
    writeKernelSpec(root);
    assert.ok(existsSync(join(kernels, "tslab", "kernel.json")), "tslab's own kernelspec must stay");
  });

  it("a missing spec is named with the command that fixes it", () => {
    assert.match(kernelSpecProblem(join(base, "nothing")) ?? "", /no 'rnnlab' kernelspec in .*: run 'npm run setup'/);
    assert.equal(kernelSpecDir("/r"), "/r/.jupyter/share/jupyter/kernels/rnnlab");
  });

  it("every notebook in the repository names the kernel rnnlab", () => {
    const files = execFileSync("git", ["ls-files", "*.ipynb"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
    assert.ok(files.length > 5);
    for (const f of files) {
      const ks = JSON.parse(readFileSync(join(ROOT, f), "utf8")).metadata?.kernelspec;
      assert.deepEqual(ks, { display_name: "TypeScript (rnnlab)", language: "typescript", name: "rnnlab" }, f);
    }
  });

  it("this work tree's set-up wrote a working project spec", () => {
    assert.equal(kernelSpecProblem(ROOT), null);
  });
});
