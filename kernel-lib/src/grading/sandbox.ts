// The grading kernel's jail: a kernelspec whose argv starts tslab inside bubblewrap (no capabilities, new namespaces, cleared environment, neutral paths, resource limits).
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, realpathSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tempDir } from "../jupyter/cleanup";
import { spawnSync } from "node:child_process";

/** Resource limits of a jailed kernel (prlimit). */
export interface JailLimits {
  /** V8 heap limit in MB (NODE_OPTIONS=--max-old-space-size; default 1024). */
  heapMB?: number;
  /** Address-space limit in MB (prlimit --as; default 3072): bounds memory outside the JavaScript heap too. */
  addressSpaceMB?: number;
  /** Processes and threads of the jail's user (prlimit --nproc; default 128): stops fork bombs. Needs `uidMode`. */
  processes?: number;
  /** Largest file the kernel may write, MB (prlimit --fsize; default 64). */
  fileMB?: number;
  /** Open files (prlimit --nofile; default 256). */
  openFiles?: number;
}

export interface SandboxOptions extends JailLimits {
  /** Root of the workspace: what the kernel may read (node_modules, kernel-lib/{dist,build,package.json}) comes from here. */
  repoRoot: string;
  /** A fresh directory of this kernel (the CLI's temp dir): holds `work/`, `rpc/` and the kernelspec. */
  kernelDir: string;
  /** Run without a jail (instructor's explicit `--no-sandbox`, or `validate` on a machine without bubblewrap). */
  noJail?: boolean;
  /** A dir of FIFOs shared with another kernel (bound read-only at /run/rnnlab/rpc); default: an empty one of this kernel. */
  rpcDir?: string;
}

/** How the jail is entered: `uid` drops to an unprivileged user of its own first (process limits hold), `root` keeps real root (no process limit). */
export type JailMode = "uid" | "root" | "none";

/** Paths inside the jail. */
export const JAIL = { lib: "/opt/rnnlab", work: "/home/student", rpc: "/run/rnnlab/rpc", connection: "/run/rnnlab/connection.json" };

/** The kernel's preload, relative to the library root: tslab's TypeScript program watches no file (see the file). */
const NO_WATCH = "kernel-lib/dist/jupyter/kernel-no-watch.js";

const BASE_ARGS = [
  "--unshare-all", "--cap-drop", "ALL", "--die-with-parent", "--new-session", "--clearenv",
  "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
  "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
];

/** The bubblewrap program: `$RNNLAB_BWRAP` (a path; a missing one means no jail, e.g. to test the refusal), else `bwrap` on PATH. */
const BWRAP = process.env.RNNLAB_BWRAP || "bwrap";

let mode: JailMode | undefined;
let uidCounter = 0;
/**
 * Which jail works here: bubblewrap entered as a fresh unprivileged uid (preferred: RLIMIT_NPROC holds only for
 * non-root users), else as root, else none. Probed once with the flags the kernels use.
 */
export function jailMode(): JailMode {
  if (mode !== undefined) return mode;
  const probe = (pre: string[]) => spawnSync(pre[0]!, [...pre.slice(1), ...BASE_ARGS, "--", "/usr/bin/true"], { stdio: "ignore", timeout: 20_000 }).status === 0;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  mode = isRoot && probe(["setpriv", `--reuid=${jailUid()}`, "--regid=65534", "--clear-groups", BWRAP]) ? "uid" : probe([BWRAP]) ? "root" : "none";
  return mode;
}

/** True when bubblewrap can create its namespaces here. */
export function bubblewrapAvailable(): boolean {
  return jailMode() !== "none";
}

/** A uid for one jail (process limits count per uid, so each kernel gets its own). */
function jailUid(): number {
  return 200_000 + ((process.pid * 64 + uidCounter++) % 1_000_000);
}

let neutral: string | undefined;
/**
 * The library at a neutral path: `node_modules` and `kernel-lib/{dist,build,package.json}` hard-linked (or copied,
 * across file systems) into one temp dir per process, so the jail's /proc/self/mountinfo names no instructor folder.
 * The links are bound read-only; the dir is removed when the process exits.
 */
export function neutralLibrary(repoRoot: string): string {
  if (neutral && existsSync(neutral)) return neutral;
  const repo = realpathSync(repoRoot);
  const dir = tempDir("rnnlab-lib-");
  chmodSync(dir, 0o755);
  const link = (from: string, to: string) => {
    if (!existsSync(from)) return;
    const r = spawnSync("cp", ["-al", from, to], { stdio: "ignore" });
    if (r.status !== 0) cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  };
  link(join(repo, "node_modules"), join(dir, "node_modules"));
  mkdirSync(join(dir, "kernel-lib"));
  for (const p of ["dist", "build", "package.json"]) link(join(repo, "kernel-lib", p), join(dir, "kernel-lib", p));
  link(join(repo, "package.json"), join(dir, "package.json"));
  neutral = dir;
  return dir;
}

/**
 * Writes `<kernelDir>/spec/kernels/rnnlab-grade/kernel.json` (the spec dir becomes JUPYTER_PATH) and creates
 * `<kernelDir>/work` (the kernel's writable working dir, `/home/student` inside) and `<kernelDir>/rpc` (FIFOs,
 * `/run/rnnlab/rpc` inside, read-only). Inside the jail: `/usr` read-only, the library at `/opt/rnnlab`, a private
 * `/tmp`, nothing of the instructor's; Unix sockets for Jupyter in `sockDir` (no network). Returns the spec dir, the
 * kernel name, the host paths, and how it is jailed.
 */
export function writeSandboxKernelSpec(opts: SandboxOptions): { specDir: string; kernelName: string; workDir: string; rpcDir: string; sockDir?: string; mode: JailMode } {
  const kernelName = "rnnlab-grade";
  const kdir = realpathSync(opts.kernelDir);
  chmodSync(kdir, 0o711);
  const specDir = join(kdir, "spec"), workDir = join(kdir, "work"), rpcDir = opts.rpcDir ?? join(kdir, "rpc");
  const dir = join(specDir, "kernels", kernelName);
  mkdirSync(dir, { recursive: true });
  mkdirSync(workDir);
  if (!opts.rpcDir) { mkdirSync(rpcDir); chmodSync(rpcDir, 0o755); }
  const heap = opts.heapMB ?? 1024;
  const m: JailMode = opts.noJail ? "none" : jailMode();
  if (m === "uid") {
    // the jail's own user must pass through every folder above the binds (the temp dir, its parents)
    for (let d = kdir; d !== "/"; d = dirname(d)) {
      if (!(statSync(d).mode & 0o001)) throw new Error(`writeSandboxKernelSpec: the jail's user cannot pass through ${d} (mode ${(statSync(d).mode & 0o777).toString(8)}); use a TMPDIR whose folders others may search (chmod o+x)`);
    }
  }
  const limits = [
    `--as=${(opts.addressSpaceMB ?? Math.max(3072, heap + 2048)) * 1024 * 1024}`,
    `--fsize=${(opts.fileMB ?? 64) * 1024 * 1024}`, `--nofile=${opts.openFiles ?? 256}`,
    ...(m === "uid" ? [`--nproc=${opts.processes ?? 128}`] : []),
  ];
  let argv: string[];
  let sockDir: string | undefined;
  if (m === "none") {
    const repo = realpathSync(opts.repoRoot);
    symlinkSync(join(repo, "node_modules"), join(workDir, "node_modules"));
    argv = ["prlimit", ...limits, "--", process.execPath, `--max-old-space-size=${heap}`, "--require", join(repo, NO_WATCH),
      join(repo, "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", "{connection_file}"];
  } else {
    const lib = neutralLibrary(opts.repoRoot);
    const uid = jailUid();
    // the jail has its own network namespace: Jupyter talks to the kernel over Unix sockets in this dir (same path inside)
    sockDir = join(kdir, "sock");
    mkdirSync(sockDir);
    if (m === "uid") { for (const d of [workDir, sockDir]) { chownSync(d, uid, 65534); chmodSync(d, 0o700); } }
    const node = process.execPath.startsWith("/usr/") ? process.execPath : "/opt/node";
    const jail = [
      BWRAP, ...BASE_ARGS,
      ...(node === "/opt/node" ? ["--ro-bind", process.execPath, node] : []),
      "--ro-bind", lib, JAIL.lib, "--bind", workDir, JAIL.work, "--ro-bind", rpcDir, JAIL.rpc, "--bind", sockDir, sockDir,
      "--symlink", `${JAIL.lib}/node_modules`, "/home/node_modules",
      "--ro-bind", join(kdir, "connection.json"), JAIL.connection,
      "--chdir", JAIL.work, "--setenv", "HOME", JAIL.work, "--setenv", "TMPDIR", "/tmp", "--setenv", "PATH", "/usr/bin:/bin",
      "--setenv", "NODE_OPTIONS", `--max-old-space-size=${heap}`, "--",
      "prlimit", ...limits, "--", node, "--require", `${JAIL.lib}/${NO_WATCH}`,
      `${JAIL.lib}/node_modules/tslab/bin/tslab`, "kernel", "--config-path", JAIL.connection,
    ];
    // Jupyter writes the connection file (0600, root) in the driver's runtime dir: copy it where the jail's user can bind it.
    const conn = join(kdir, "connection.json");
    const own = m === "uid" ? `chown ${uid}:65534 "${conn}" && ` : "";
    const enter = m === "uid" ? ["setpriv", `--reuid=${uid}`, "--regid=65534", "--clear-groups"] : [];
    argv = ["/bin/sh", "-c", `cp "$1" "${conn}" && ${own}chmod 600 "${conn}" && shift && exec "$@"`, "rnnlab-jail", "{connection_file}", ...enter, ...jail];
  }
  writeFileSync(join(dir, "kernel.json"), JSON.stringify({
    argv, display_name: "TypeScript (rnnlab grading sandbox)", language: "typescript",
    env: m === "none" ? { NODE_OPTIONS: `--max-old-space-size=${heap}` } : {},
  }, null, 1));
  return { specDir, kernelName, workDir, rpcDir, sockDir, mode: m };
}
