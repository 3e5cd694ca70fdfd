// The `rnnlab` kernelspec (tslab with this workspace's library): written by `npm run setup`, checked before a run.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve } from "node:path";

/**
 * The kernel name written into every notebook's `metadata.kernelspec.name`. Not "tslab": tslab's own installer
 * (`tslab install`) writes a kernelspec of that name, and one would overwrite the other.
 */
export const KERNEL_NAME = "rnnlab";
/** What Jupyter, JupyterLab and VS Code show in their kernel pickers. */
export const KERNEL_DISPLAY_NAME = "TypeScript (rnnlab)";

/** The kernelspec folder `<specRoot>/kernels/rnnlab` for the project (`<root>/.jupyter/share/jupyter`) or the user. */
export function kernelSpecDir(root: string, opts: { user?: boolean } = {}): string {
  const specRoot = opts.user
    ? join(process.env.XDG_DATA_HOME || join(homedir(), ".local", "share"), "jupyter")
    : join(root, ".jupyter", "share", "jupyter");
  return join(specRoot, "kernels", KERNEL_NAME);
}

/**
 * The kernel.json content (jupyter_client's kernelspec format: argv, display_name, language). The project-local spec
 * names tslab relative to `{resource_dir}` (which Jupyter replaces by the spec's folder), so moving the clone does not
 * break it; the user's spec (`--user`, for VS Code) lives outside the clone and holds an absolute path, rewritten by
 * `npm run setup -- --user` after a move (and found stale by `kernelSpecProblem`).
 */
export function kernelSpecJson(root: string, dir: string): { argv: string[]; display_name: string; language: string } {
  const tslab = join(resolve(root), "node_modules", ".bin", "tslab");
  const inside = !relative(resolve(root), resolve(dir)).startsWith("..");
  const exe = inside ? `{resource_dir}/${relative(resolve(dir), tslab)}` : tslab; // not join(): it would fold the ".."
  return {
    argv: [exe, "kernel", "--config-path", "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
  };
}

/**
 * Writes the kernelspec and removes a stale one that earlier set-ups wrote under the name "tslab" (only when it is
 * ours: its display name is "TypeScript (rnnlab)"; tslab's own spec is left alone). Returns the folder written.
 */
export function writeKernelSpec(root: string, opts: { user?: boolean } = {}): string {
  const dir = kernelSpecDir(root, opts);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(kernelSpecJson(root, dir), null, 1) + "\n");
  const old = join(dir, "..", "tslab", "kernel.json");
  try {
    if (JSON.parse(readFileSync(old, "utf8")).display_name === KERNEL_DISPLAY_NAME) rmSync(join(dir, "..", "tslab"), { recursive: true, force: true });
  } catch {
    // no old spec, or not ours
  }
  return dir;
}

/**
 * Why the kernelspec in `dir` cannot start a kernel for `root` (missing, or its tslab path does not exist, e.g.
 * after the clone moved), or null when it can. The message says which command fixes it.
 */
export function kernelSpecProblem(root: string, opts: { user?: boolean } = {}): string | null {
  const dir = kernelSpecDir(root, opts);
  const fix = `run 'npm run setup${opts.user ? " -- --user" : ""}' in ${resolve(root)}`;
  let spec: { argv?: string[] };
  try {
    spec = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8"));
  } catch {
    return `no '${KERNEL_NAME}' kernelspec in ${dir}: ${fix}`;
  }
  const exe = (spec.argv?.[0] ?? "").replace("{resource_dir}", dir);
  if (!existsSync(exe)) return `the '${KERNEL_NAME}' kernelspec in ${dir} starts ${exe}, which does not exist (was the folder moved?): ${fix}`;
  return null;
}
