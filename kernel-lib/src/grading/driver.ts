// Runs grading steps in one or two jailed tslab kernels through the Python driver, reading its length-prefixed frames from a descriptor no kernel holds.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { releaseTempDir, tempDir, trackChild } from "../jupyter/cleanup";
import { JUPYTER_PYTHON } from "../jupyter/paths";
import { GRADE_DRIVER_PY } from "./driver-py";

/** Which kernel runs a step: the submission's (untrusted) or the test kernel (instructor code only). */
export type KernelRole = "student" | "tests";

/** One step: code for one kernel. `replay`: re-run it (silently) after that kernel restarts if it succeeded before. */
export interface DriverCell {
  key: string;
  code: string;
  /** Seconds; the kernel is killed and restarted when a step runs longer. */
  timeout: number;
  replay: boolean;
  kernel?: KernelRole;
  /** Sent to its kernel when the run starts (it runs while other kernels work); its result is awaited in order. */
  early?: boolean;
  /** While this step runs in the test kernel, the student kernel runs `code` (its serve loop) on FIFOs made in `fifoDir`. */
  serve?: { code: string; fifoDir: string };
}

/** A Jupyter output as nbformat stores it (stream, display_data, execute_result, error). */
export interface CellOutput {
  output_type: string;
  name?: string;
  text?: string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

/** What happened to one step: `ok`, `error` (it raised), `timeout`, `dead` (the kernel died: memory limit, crash), `skipped` (time limit, kernel did not start). */
export interface CellRun {
  key: string;
  status: "ok" | "error" | "timeout" | "dead" | "skipped";
  outputs: CellOutput[];
  seconds: number;
  /** Output beyond the per-step or per-run cap was dropped. */
  capped?: boolean;
  /** For a serving step: how the student kernel's serve loop ended. */
  served?: CellRun["status"];
}

/** A kernelspec to start (see sandbox.ts). */
export interface KernelSpecRef { specDir: string; kernelName: string; cwd: string; sockDir?: string }

export interface DriverOptions {
  kernels: Partial<Record<KernelRole, KernelSpecRef>>;
  /** Seconds for the whole run (restarts included). */
  notebookTimeout: number;
  /** Seconds to wait for a kernel to start. */
  startupTimeout?: number;
  maxRestarts?: number;
  /** Bytes of output kept per step (default 256 KiB) and per run (default 2 MiB). */
  cellCap?: number;
  runCap?: number;
  /** Called after each step, for progress. */
  onCell?: (run: CellRun) => void;
}

/** Largest frame accepted from the driver (its outputs are capped well below). */
const MAX_FRAME = 64 * 1024 * 1024;

/** Executes `cells` in order and returns one CellRun per cell (same order); notes about kernels that would not start go in `kernelErrors`. */
export async function runCells(cells: DriverCell[], opts: DriverOptions): Promise<{ runs: CellRun[]; kernelErrors: string[] }> {
  const dir = tempDir("rnnlab-driver-");
  const specPath = join(dir, "spec.json"), pyPath = join(dir, "driver.py");
  writeFileSync(pyPath, GRADE_DRIVER_PY);
  writeFileSync(specPath, JSON.stringify({
    kernels: Object.fromEntries(Object.entries(opts.kernels).map(([k, v]) => [k, { spec_dir: v!.specDir, kernel_name: v!.kernelName, cwd: v!.cwd, sock_dir: v!.sockDir ?? null }])),
    notebook_timeout: opts.notebookTimeout, startup_timeout: opts.startupTimeout ?? 90, max_restarts: opts.maxRestarts ?? 6,
    cell_cap: opts.cellCap ?? 256 * 1024, run_cap: opts.runCap ?? 2 * 1024 * 1024,
    steps: cells.map((c) => ({ key: c.key, kernel: c.kernel ?? "student", code: c.code, timeout: c.timeout, replay: c.replay, early: !!c.early,
      serve: c.serve ? { kernel: "student", code: c.serve.code, fifo_dir: c.serve.fifoDir } : undefined })),
  }));
  const env = { ...process.env, JUPYTER_RUNTIME_DIR: join(dir, "runtime"), PYTHONUNBUFFERED: "1" };
  const runs = new Map<string, CellRun>();
  const kernelErrors: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = trackChild(spawn(JUPYTER_PYTHON, [pyPath, specPath], { env, stdio: ["ignore", "ignore", "pipe", "pipe"] }));
      let buf = Buffer.alloc(0), err = "";
      const onFrame = (m: Record<string, unknown>) => {
        if (m.event === "kernel") { kernelErrors.push(`the ${String(m.kernel)} kernel did not start: ${String(m.error)}`); return; }
        if (m.event === "served") { const r = runs.get(String(m.key)); if (r) { r.served = m.status as CellRun["status"]; r.capped ||= m.capped === true; } return; }
        const run = m as unknown as CellRun;
        runs.set(run.key, run);
        opts.onCell?.(run);
      };
      child.stdio[3]!.on("data", (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        while (buf.length >= 4) {
          const n = buf.readUInt32BE(0);
          if (n > MAX_FRAME) { child.kill("SIGKILL"); reject(new Error(`runCells: a driver frame of ${n} bytes exceeds ${MAX_FRAME}`)); return; }
          if (buf.length < 4 + n) break;
          const body = buf.subarray(4, 4 + n).toString("utf8");
          buf = buf.subarray(4 + n);
          try { onFrame(JSON.parse(body)); } catch { kernelErrors.push("protocol error: a driver frame is not JSON"); }
        }
      });
      child.stderr!.on("data", (chunk: Buffer) => { err = (err + chunk.toString("utf8")).slice(-4000); });
      child.on("error", reject);
      child.on("close", (code) => {
        if (code !== 0 && runs.size < cells.length) reject(new Error(`runCells: the notebook driver (${JUPYTER_PYTHON}) exited with ${code}: ${err}`));
        else resolve();
      });
    });
  } finally {
    releaseTempDir(dir);
  }
  return { runs: cells.map((c) => runs.get(c.key) ?? { key: c.key, status: "skipped", outputs: [], seconds: 0 }), kernelErrors };
}
