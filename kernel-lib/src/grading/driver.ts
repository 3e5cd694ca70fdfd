// Runs a list of code cells in one (sandboxed) tslab kernel from outside it, with per-cell and per-notebook time limits and restart-and-replay after a hang or a crash.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One cell to execute. `replay`: re-run it (silently) after a kernel restart if it succeeded before. */
export interface DriverCell {
  key: string;
  code: string;
  /** Seconds; the kernel is killed and restarted when a cell runs longer. */
  timeout: number;
  replay: boolean;
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

/** What happened to one cell: `ok`, `error` (it raised), `timeout`, `dead` (the kernel died: memory limit, crash), `skipped` (notebook time limit). */
export interface CellRun {
  key: string;
  status: "ok" | "error" | "timeout" | "dead" | "skipped";
  outputs: CellOutput[];
  seconds: number;
}

export interface DriverOptions {
  /** Directory holding `kernels/<kernelName>/kernel.json` (used as JUPYTER_PATH). */
  jupyterPath: string;
  kernelName: string;
  /** Working directory of the kernel. */
  cwd: string;
  /** Seconds for the whole notebook (restarts included). */
  notebookTimeout: number;
  /** Seconds to wait for the kernel to start. */
  startupTimeout?: number;
  maxRestarts?: number;
  /** Called after each cell, for progress. */
  onCell?: (run: CellRun) => void;
}

// The Python side: jupyter_client from Debian, one KernelManager, one client; a timeout or a dead
// kernel kills it, starts a fresh one, replays the definitions that had succeeded, and goes on.
const DRIVER_PY = String.raw`
import json, sys, time, os
from jupyter_client import KernelManager

spec = json.load(open(sys.argv[1]))
deadline = time.monotonic() + spec["notebook_timeout"]
state = {"km": None, "kc": None}

def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n"); sys.stdout.flush()

def start():
    km = KernelManager(kernel_name=spec["kernel_name"])
    km.start_kernel(cwd=spec["cwd"])
    kc = km.client(); kc.start_channels()
    kc.wait_for_ready(timeout=spec["startup_timeout"])
    state["km"], state["kc"] = km, kc

def stop():
    try:
        state["kc"].stop_channels()
    except Exception:
        pass
    try:
        state["km"].shutdown_kernel(now=True)
    except Exception:
        pass

def run(code, timeout):
    kc, km = state["kc"], state["km"]
    t0 = time.monotonic()
    limit = min(t0 + timeout, deadline)
    msg_id = kc.execute(code, store_history=True, allow_stdin=False, stop_on_error=False)
    outputs, status = [], "ok"
    while True:
        left = limit - time.monotonic()
        if left <= 0:
            return "timeout", outputs, time.monotonic() - t0
        try:
            msg = kc.get_iopub_msg(timeout=min(left, 1.0))
        except Exception:
            if not km.is_alive():
                return "dead", outputs, time.monotonic() - t0
            continue
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        t, c = msg["msg_type"], msg["content"]
        if t == "stream":
            outputs.append({"output_type": "stream", "name": c["name"], "text": c["text"]})
        elif t in ("display_data", "execute_result"):
            outputs.append({"output_type": t, "data": c.get("data", {})})
        elif t == "error":
            status = "error"
            outputs.append({"output_type": "error", "ename": c.get("ename", ""), "evalue": c.get("evalue", ""), "traceback": c.get("traceback", [])})
        elif t == "status" and c.get("execution_state") == "idle":
            break
    while True:
        try:
            reply = kc.get_shell_msg(timeout=max(0.1, limit - time.monotonic()))
        except Exception:
            break
        if reply.get("parent_header", {}).get("msg_id") == msg_id:
            if reply["content"].get("status") == "error":
                status = "error"
            break
    if status == "error":
        time.sleep(0.3)  # tslab refuses requests arriving within 200 ms of a failure
    return status, outputs, time.monotonic() - t0

cells = spec["cells"]
done = [None] * len(cells)
restarts = 0
try:
    start()
except Exception as e:
    for c in cells:
        out({"key": c["key"], "status": "dead", "outputs": [{"output_type": "error", "ename": "KernelStartError", "evalue": str(e), "traceback": []}], "seconds": 0})
    sys.exit(0)
for i, cell in enumerate(cells):
    if time.monotonic() >= deadline or state["km"] is None:
        out({"key": cell["key"], "status": "skipped", "outputs": [], "seconds": 0}); continue
    status, outputs, secs = run(cell["code"], cell["timeout"])
    done[i] = status
    out({"key": cell["key"], "status": status, "outputs": outputs, "seconds": round(secs, 3)})
    if status in ("timeout", "dead"):
        stop()
        state["km"] = None
        if restarts >= spec["max_restarts"] or time.monotonic() >= deadline:
            continue
        restarts += 1
        try:
            start()
            for j in range(i):
                if cells[j]["replay"] and done[j] == "ok":
                    st, _, _ = run(cells[j]["code"], cells[j]["timeout"])
                    if st in ("timeout", "dead"):
                        raise RuntimeError("replay failed")
        except Exception:
            stop(); state["km"] = None
if state["km"] is not None:
    stop()
`;

/** Executes `cells` in order in a fresh kernel and returns one CellRun per cell (same order). */
export async function runCells(cells: DriverCell[], opts: DriverOptions): Promise<CellRun[]> {
  const dir = mkdtempSync(join(tmpdir(), "rnnlab-driver-"));
  const specPath = join(dir, "spec.json");
  const pyPath = join(dir, "driver.py");
  writeFileSync(pyPath, DRIVER_PY);
  writeFileSync(specPath, JSON.stringify({
    kernel_name: opts.kernelName, cwd: opts.cwd, notebook_timeout: opts.notebookTimeout,
    startup_timeout: opts.startupTimeout ?? 60, max_restarts: opts.maxRestarts ?? 4, cells,
  }));
  const runtimeDir = join(dir, "runtime");
  const env = { ...process.env, JUPYTER_PATH: opts.jupyterPath, JUPYTER_RUNTIME_DIR: runtimeDir, PYTHONUNBUFFERED: "1" };
  const runs = new Map<string, CellRun>();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn("/usr/bin/python3", [pyPath, specPath], { env, stdio: ["ignore", "pipe", "pipe"] });
      let buf = "";
      let err = "";
      child.stdout.on("data", (chunk: Buffer) => {
        buf += chunk.toString("utf8");
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (!line.trim()) continue;
          const run = JSON.parse(line) as CellRun;
          runs.set(run.key, run);
          opts.onCell?.(run);
        }
      });
      child.stderr.on("data", (chunk: Buffer) => { err = (err + chunk.toString("utf8")).slice(-4000); });
      child.on("error", reject);
      child.on("close", (code) => {
        if (code !== 0 && runs.size < cells.length) reject(new Error(`runCells: the notebook driver exited with ${code}: ${err}`));
        else resolve();
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return cells.map((c) => runs.get(c.key) ?? { key: c.key, status: "skipped", outputs: [], seconds: 0 });
}
