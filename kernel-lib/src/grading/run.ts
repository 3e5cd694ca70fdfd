// Runs a plan's steps in fresh jailed kernels inside fresh temp dirs (removed on every path) and reads back what each test cell recorded.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { releaseTempDir, tempDir } from "../jupyter/cleanup";
import { CellRun, DriverCell, KernelRole, KernelSpecRef, runCells } from "./driver";
import { JailLimits, JailMode, writeSandboxKernelSpec } from "./sandbox";
import { decodePlain } from "./rpc/codec";
import type { RawCheck } from "./rpc/recorder";

/** One recorded check, decoded (tensors as `{shape, data}`). */
export interface CheckRecord { kind: RawCheck["kind"]; label: string; hint?: string; actual: unknown; expected: unknown; tol?: { rtol?: number; atol?: number } }
/** What a test cell reported: its checks, the error that stopped it, whether it wrote a result at all. */
export interface CellReport { records: CheckRecord[]; error?: string; emitted: boolean }
/** Results of one run: per test cell its report, per step how it ended. */
export interface RunResult { reports: Map<string, CellReport>; runs: Map<string, CellRun>; kernelErrors: string[]; mode: JailMode }

/** Limits and the jail switch shared by every run. */
export interface RunOptions extends JailLimits {
  repoRoot: string;
  /** Seconds per cell (default 30) and per run (default 600). */
  cellTimeout?: number;
  notebookTimeout?: number;
  noSandbox?: boolean;
  onCell?: (run: CellRun) => void;
}

function readReport(file: string): CellReport {
  if (!existsSync(file)) return { records: [], emitted: false };
  try {
    const raw = JSON.parse(readFileSync(file, "utf8")) as { records: RawCheck[]; error: string | null };
    return {
      records: raw.records.map((r) => ({ kind: r.kind, label: String(r.label), hint: r.hint, actual: decodePlain(r.actual), expected: decodePlain(r.expected), tol: decodePlain(r.tol) as CheckRecord["tol"] })),
      error: raw.error ?? undefined, emitted: true,
    };
  } catch (e) {
    return { records: [], emitted: true, error: `protocol error: the cell's result could not be read (${(e as Error).message.slice(0, 200)})` };
  }
}

/**
 * Executes `steps` in fresh kernels (one per role used), each with its own temp dir; `files` are copied into the
 * student kernel's working dir. `results` maps a test cell's key to its result file (relative to the working dir of
 * the kernel that runs test cells: the test kernel when there is one).
 */
export async function executeSteps(steps: DriverCell[], results: Map<string, string>, opts: RunOptions & { files?: string[]; fifoHost?: string }): Promise<RunResult> {
  const root = tempDir("rnnlab-run-");
  try {
    chmodSync(root, 0o711);
    const roles = [...new Set(steps.map((s) => s.kernel ?? "student"))] as KernelRole[];
    const kernels: Partial<Record<KernelRole, KernelSpecRef>> = {};
    const work: Partial<Record<KernelRole, string>> = {};
    let mode: JailMode = "none";
    for (const role of roles) {
      const kdir = join(root, role);
      mkdirSync(kdir);
      const k = writeSandboxKernelSpec({ ...opts, repoRoot: opts.repoRoot, kernelDir: kdir, noJail: opts.noSandbox, rpcDir: opts.fifoHost });
      mode = k.mode;
      kernels[role] = { specDir: k.specDir, kernelName: k.kernelName, cwd: k.workDir, sockDir: k.sockDir };
      work[role] = k.workDir;
      if (role === "student") for (const f of opts.files ?? []) copyFileSync(f, join(k.workDir, basename(f)));
    }
    const { runs, kernelErrors } = await runCells(steps, {
      kernels, notebookTimeout: opts.notebookTimeout ?? 600, onCell: opts.onCell,
    });
    const testsWork = work.tests ?? work.student!;
    const reports = new Map<string, CellReport>();
    for (const [key, file] of results) reports.set(key, readReport(join(testsWork, file)));
    return { reports, runs: new Map(runs.map((r) => [r.key, r])), kernelErrors, mode };
  } finally {
    releaseTempDir(root);
  }
}

/** A temp dir for one submission's FIFOs (bound read-only into both jails), removed with the run. */
export function fifoDir(): string {
  const d = tempDir("rnnlab-rpc-");
  chmodSync(d, 0o755);
  return d;
}
