// The grading kernel's jail: a kernelspec whose argv starts tslab inside bubblewrap (read-only system, only the library visible, one writable working dir) with a heap limit.
import { existsSync, mkdirSync, writeFileSync, realpathSync, symlinkSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { spawnSync } from "node:child_process";

export interface SandboxOptions {
  /** Root of the workspace: its `node_modules` (tslab, the `rnnlab` link) and `kernel-lib/dist` are mounted read-only. */
  repoRoot: string;
  /** The kernel's working directory (writable, the only writable place besides a private /tmp). */
  workDir: string;
  /** Where the kernelspec is written (becomes JUPYTER_PATH). */
  specDir: string;
  /** V8 heap limit of the kernel in MB (NODE_OPTIONS=--max-old-space-size). */
  heapMB?: number;
  /** Address-space limit of the kernel in MB (prlimit --as); 0 disables it. */
  addressSpaceMB?: number;
  /** Files or directories that must not be visible even if they lie under a mounted path. */
  hide?: string[];
  /** Force the sandbox off (only for trusted notebooks such as the instructor's source). */
  noJail?: boolean;
}

let bwrapWorks: boolean | undefined;
/** True when `bwrap` exists and can create its namespaces here (as root in a container it usually can). */
export function bubblewrapAvailable(): boolean {
  if (bwrapWorks === undefined) {
    const r = spawnSync("bwrap", ["--ro-bind", "/", "/", "--dev", "/dev", "--unshare-pid", "true"], { stdio: "ignore" });
    bwrapWorks = r.status === 0;
  }
  return bwrapWorks;
}

/**
 * Writes `specDir/kernels/<name>/kernel.json` and returns the kernel name. Inside the jail: `/usr`,
 * `/etc` read-only; `<repo>/node_modules`, `<repo>/kernel-lib/{dist,package.json}` read-only; the
 * working dir read-write at its own path; a private `/tmp`; nothing else (no other notebook, no
 * grades, no other submission). Falls back to no jail, with `jailed: false`, when bwrap is missing.
 */
export function writeSandboxKernelSpec(opts: SandboxOptions): { kernelName: string; jailed: boolean } {
  const repo = realpathSync(opts.repoRoot);
  const tslab = join(repo, "node_modules", "tslab", "bin", "tslab");
  const heap = opts.heapMB ?? 1024;
  const kernelName = "rnnlab-grade";
  const dir = join(opts.specDir, "kernels", kernelName);
  mkdirSync(dir, { recursive: true });
  // The working dir resolves `rnnlab` and tslab's typings through a link to the workspace's node_modules.
  const link = join(opts.workDir, "node_modules");
  if (!existsSync(link)) symlinkSync(join(repo, "node_modules"), link);
  const inner = [process.execPath, tslab, "kernel", "--config-path", "{connection_file}"];
  const limited = opts.addressSpaceMB ? ["prlimit", `--as=${opts.addressSpaceMB * 1024 * 1024}`, "--", ...inner] : inner;
  const jailed = !opts.noJail && bubblewrapAvailable();
  let argv = limited;
  if (jailed) {
    const work = realpathSync(opts.workDir);
    const ro = (p: string) => (existsSync(p) ? ["--ro-bind", p, p] : []);
    const args = [
      "bwrap", "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
      "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc",
      "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
      "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
      ...ro(join(repo, "node_modules")), ...ro(join(repo, "kernel-lib", "dist")), ...ro(join(repo, "kernel-lib", "package.json")),
      ...ro(join(repo, "package.json")), ...ro(join(repo, "tsconfig.json")),
      "--bind", work, work,
      ...(opts.hide ?? []).filter((p) => existsSync(p)).flatMap((p) =>
        statSync(p).isDirectory() ? ["--tmpfs", resolve(p)] : ["--ro-bind", "/dev/null", resolve(p)]),
      "--chdir", work, "--setenv", "HOME", work, "--setenv", "TMPDIR", "/tmp",
      "--setenv", "NODE_OPTIONS", `--max-old-space-size=${heap}`,
    ];
    argv = [...args, ...limited];
  }
  writeFileSync(join(dir, "kernel.json"), JSON.stringify({
    argv: jailed ? withConnectionFile(argv) : argv,
    display_name: "TypeScript (rnnlab grading sandbox)",
    language: "typescript",
    env: { NODE_OPTIONS: `--max-old-space-size=${heap}` },
  }, null, 1));
  return { kernelName, jailed };
}

// bwrap must see the connection file: Jupyter substitutes {connection_file} in every argv element,
// so the file itself is mounted read-only at its own path (bwrap creates the parent directories).
function withConnectionFile(argv: string[]): string[] {
  const i = argv.indexOf("--chdir");
  return [
    ...argv.slice(0, i),
    "--ro-bind", "{connection_file}", "{connection_file}",
    ...argv.slice(i),
  ];
}

/** The directory containing `p` (used for hiding a notebook's folder). */
export function parentDir(p: string): string {
  return dirname(resolve(p));
}
