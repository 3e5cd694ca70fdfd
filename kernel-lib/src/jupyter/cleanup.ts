// Temporary folders and child processes that must not outlive a build: removed and stopped on every path, Ctrl-C included.
import { type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dirs = new Set<string>();
const children = new Set<ChildProcess>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let installed = false;

function removeAll(): void {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs.clear();
}

// On a signal: stop the children (nbclient shuts its kernel down on SIGINT), wait for them briefly so nothing writes
// into a folder after it is gone, remove the folders, then exit with 128 + the signal's number as shells do.
function onSignal(signal: NodeJS.Signals): void {
  const code = 128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as Record<string, number>)[signal];
  const alive = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  const exited = alive.map((c) => new Promise<void>((res) => c.once("close", () => res())));
  for (const c of alive) c.kill("SIGINT");
  const hard = setTimeout(() => { for (const c of alive) c.kill("SIGKILL"); }, 4000);
  const last = setTimeout(() => { removeAll(); process.exit(code); }, 6000);
  void Promise.all(exited).then(() => {
    clearTimeout(hard); clearTimeout(last);
    removeAll();
    process.exit(code);
  });
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on("exit", removeAll);
}

function uninstallIfIdle(): void {
  if (!installed || dirs.size > 0 || children.size > 0) return;
  installed = false;
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off("exit", removeAll);
}

/**
 * Creates a temporary folder `<tmpdir>/<prefix>XXXXXX` that is removed by `releaseTempDir`, at exit, and on
 * SIGINT/SIGTERM/SIGHUP (while any folder or child is registered, those signals stop the process with 128 + n).
 * @param prefix e.g. "rnnlab-nb-"
 */
export function tempDir(prefix: string): string {
  install();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

/** Registers an existing folder (e.g. a staging folder) for the same removal as `tempDir`'s; returns it. */
export function trackDir(dir: string): string {
  install();
  dirs.add(dir);
  return dir;
}

/** Removes a folder made by `tempDir` or registered by `trackDir` (idempotent). */
export function releaseTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
  uninstallIfIdle();
}

/** Stops `child` (SIGINT, then SIGKILL after 4 s) if this process is interrupted before the child has exited. */
export function trackChild<C extends ChildProcess>(child: C): C {
  install();
  children.add(child);
  child.once("close", () => { children.delete(child); uninstallIfIdle(); });
  return child;
}
