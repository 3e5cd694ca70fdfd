// Re-runs of stored protocol records in child processes. Under `npm test` they are queued when mocha loads the test
// file (background.ts) and run on the machine's other core while the unit tests run; the test that compares a re-run
// waits for it. Run by hand, a test file starts its re-run when loaded.
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { RunConfig, RunRecord } from "../kernel-lib/src";
import { BACKGROUND, enqueue } from "./background";

/**
 * Starts `node test/rerun-record.ts <sweep> <config>` (the sweep's own run function, under the backend and precision
 * that computed its results file) and resolves to the record it prints. A failure is kept for the test that awaits it,
 * never reported as unhandled.
 */
export function rerunInBackground(sweep: string, config: RunConfig): Promise<RunRecord> {
  return BACKGROUND ? enqueue(() => rerun(sweep, config)) : rerun(sweep, config);
}

function rerun(sweep: string, config: RunConfig): Promise<RunRecord> {
  const p = new Promise<RunRecord>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "rerun-record.ts"), sweep, JSON.stringify(config)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "", err = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => { out += d; });
    child.stderr.setEncoding("utf8").on("data", (d: string) => { err = (err + d).slice(-4000); });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`rerun-record ${sweep} ${JSON.stringify(config)} exited with ${code}:\n${err}`));
      resolve(JSON.parse(out.trim().split("\n").pop()!) as RunRecord);
    });
  });
  p.catch(() => undefined);
  return p;
}
