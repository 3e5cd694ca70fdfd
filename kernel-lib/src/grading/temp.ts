// Temp dirs of the grader: every one in use is removed in `finally` blocks and, should the process be stopped, on exit and on SIGINT/SIGTERM/SIGHUP (they hold cells' code, hidden tests included).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const live = new Set<string>();
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  const clean = () => { for (const d of live) rmSync(d, { recursive: true, force: true }); live.clear(); };
  process.on("exit", clean);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(sig, () => { clean(); process.exit(130); });
}

/** A fresh temp dir `<tmp>/<prefix>XXXXXX`, removed on exit or signal unless `removeTempDir` ran first. */
export function makeTempDir(prefix: string): string {
  hook();
  const d = mkdtempSync(join(tmpdir(), prefix));
  live.add(d);
  return d;
}

/** Removes a dir made by `makeTempDir`. */
export function removeTempDir(d: string): void {
  rmSync(d, { recursive: true, force: true });
  live.delete(d);
}
