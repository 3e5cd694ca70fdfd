// npm run bench: rnnlab's training-step speed beside TensorFlow.js (cpu, wasm) and PyTorch, same work, same run.
//   node --import tsx bench/bench.ts [--quick] [--json out.json] [--only W1,W4] [--peers rnnlab,tfjs-cpu,tfjs-wasm,torch] [--isa avx2|avx512f|128-bit] [--cpu]
import { Command } from "commander";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { WORKLOADS, stepFlops, type Workload } from "./workloads";
import { callRate, fmtRate, fmtRatio, timeSteps, type Timing, type TimingOptions } from "./timing";
import { compareGemm, type GemmRates } from "./gemm-check";
import { rnnlabTrainingStep, rnnlabGemmGflops } from "./rnnlab_peer";
import { tfjsTrainingStep, useTfjsBackend } from "./tfjs_peer";
import * as rl from "../kernel-lib/src";

const PEERS = ["rnnlab", "rnnlab-f32", "rnnlab-f32-mt", "tfjs-cpu", "tfjs-wasm", "torch"] as const;
type Peer = (typeof PEERS)[number];
const PYTHON = "/usr/bin/python3";
/** The gemm whose GFLOP/s stands for the matmul peak: W3's gate product x·W_ihᵀ-like shape [B, (I+H)] · [G·H, (I+H)]ᵀ. */
const GEMM = { M: 64, N: 2048, K: 640 };

function parseArgs(argv: string[]) {
  const list = (v: string) => v.split(",").map((x) => x.trim()).filter(Boolean);
  const o = new Command("bench")
    .description("rnnlab's training-step speed beside TensorFlow.js (cpu, wasm) and PyTorch, same work, same run")
    .option("--quick", "3 short repetitions instead of 5")
    .option("--json <file>", "also write the figures as JSON")
    .option("--only <ids>", `workloads, comma-separated (${WORKLOADS.map((w) => w.id).join(",")})`, list)
    .option("--peers <names>", `peers, comma-separated (${PEERS.join(",")})`, list)
    .option("--cpu", "time with each process's CPU seconds instead of wall time (steadier on a shared machine; the mt peer's two threads both count)")
    .option("--isa <name>", "force the native kernels of a narrower instruction set (avx2, 128-bit; the same bits): AVX2 on an AVX-512 machine")
    .exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : 2))
    .parse(argv, { from: "user" })
    .opts<{ quick?: boolean; json?: string; only?: string[]; peers?: string[]; isa?: string; cpu?: boolean }>();
  if (o.isa !== undefined) {
    const inUse = rl.setNativeKernels(true, o.isa as "avx512f" | "avx2" | "128-bit");
    if (inUse !== o.isa) throw new Error(`bench: --isa ${o.isa} is not available here (the add-on runs ${inUse || "nothing"})`);
  }
  const peers = (o.peers ?? [...PEERS]) as Peer[];
  for (const p of peers) if (!PEERS.includes(p)) throw new Error(`bench: unknown peer ${p} (expected ${PEERS.join(", ")})`);
  for (const id of o.only ?? []) if (!WORKLOADS.some((w) => w.id === id)) throw new Error(`bench: unknown workload ${id} (expected ${WORKLOADS.map((w) => w.id).join(", ")})`);
  const workloads = WORKLOADS.filter((w) => !o.only || o.only.includes(w.id));
  const quick = o.quick ?? false;
  const timing: TimingOptions = { ...(quick ? { reps: 3, repSeconds: 0.15, capSeconds: 60 } : { reps: 5, repSeconds: 0.4, capSeconds: 60 }), clock: o.cpu ? "cpu" : "wall" };
  return { quick, json: o.json, workloads, peers, timing };
}

const log = (s: string): void => { process.stderr.write(s + "\n"); };

/** Runs `make`'s step under the timing protocol, turning a thrown error into a skip with its message. */
function measure(make: (w: Workload) => () => void, w: Workload, o: TimingOptions): Timing {
  try {
    const step = make(w);
    const warm = make({ ...w, T: Math.min(2, w.T) });
    return timeSteps(step, warm, w.T, o);
  } catch (e) {
    return { skipped: (e as Error).message.split("\n")[0] };
  }
}

/** PyTorch in a subprocess, float32, one thread (OMP/OpenBLAS pinned to 1: on 2 cores more threads collapse). */
function runTorch(workloads: readonly Workload[], o: TimingOptions): { byId: Record<string, Timing>; info: string; gemmGflops?: number } {
  if (spawnSync(PYTHON, ["-c", "import torch"]).status !== 0) {
    return { byId: Object.fromEntries(workloads.map((w) => [w.id, { skipped: "python3-torch not installed" }])), info: "not installed" };
  }
  const cfg = { workloads: workloads.map(({ id, kind, B, T, I, H }) => ({ id, kind, B, T, I, H })), ...o, gemm: GEMM };
  const r = spawnSync(PYTHON, [path.join(__dirname, "torch_bench.py"), JSON.stringify(cfg)], {
    env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    encoding: "utf8",
    timeout: 15 * 60 * 1000,
  });
  if (r.status !== 0) {
    const why = `torch_bench.py failed: ${(r.stderr || String(r.error)).trim().split("\n").pop()}`;
    return { byId: Object.fromEntries(workloads.map((w) => [w.id, { skipped: why }])), info: why };
  }
  const out = JSON.parse(r.stdout);
  return { byId: out.workloads, info: `PyTorch ${out.version}, ${out.threads} thread`, gemmGflops: out.gemmGflops };
}


async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const loadBefore = os.loadavg()[0];
  const results: Record<string, Partial<Record<Peer, Timing>>> = Object.fromEntries(args.workloads.map((w) => [w.id, {}]));
  let torchInfo = "not run";
  let torchGemm: number | undefined;

  if (args.peers.includes("torch")) {
    log("bench: PyTorch …");
    const t = runTorch(args.workloads, args.timing);
    torchInfo = t.info;
    torchGemm = t.gemmGflops;
    for (const w of args.workloads) results[w.id].torch = t.byId[w.id];
  }
  // rnnlab: float64 on one thread (the default, the reference), float32 matmuls on one thread, and on every core
  const gemmRates: Partial<Record<Peer, number>> = {};
  const mt = rl.machineThreads();
  const variants = [["rnnlab", "float64", 1], ["rnnlab-f32", "float32", 1], ["rnnlab-f32-mt", "float32", mt]] as const;
  for (const [peer, precision, n] of variants) {
    if (!args.peers.includes(peer)) continue;
    rl.setGemmThreads(n);
    await rl.wasmGemmThreadsReady();
    rl.setPrecision(precision);
    gemmRates[peer] = rnnlabGemmGflops(GEMM.M, GEMM.N, GEMM.K, 0.5, args.timing.clock);
    for (const w of args.workloads) {
      log(`bench: ${peer} ${w.id} …`);
      results[w.id][peer] = measure(rnnlabTrainingStep, w, args.timing);
    }
  }
  rl.setGemmThreads(1);
  rl.setPrecision("float64");
  for (const backend of ["cpu", "wasm"] as const) {
    const peer: Peer = `tfjs-${backend}`;
    if (!args.peers.includes(peer)) continue;
    await useTfjsBackend(backend);
    for (const w of args.workloads) {
      log(`bench: ${peer} ${w.id} …`);
      results[w.id][peer] = measure(tfjsTrainingStep, w, args.timing);
    }
  }

  const nk = rl.nativeKernels();
  const kernels = nk.available && nk.enabled ? `native kernels (${nk.isa})` : `WebAssembly kernels (native add-on: ${nk.reason})`;
  const machine = `${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.release()}, load average ${loadBefore.toFixed(1)} at start (timings need an idle machine)`;
  const lines = [
    `rnnlab training-step benchmark (forward, loss Σ outputs·w, full BPTT), steps/s${args.timing.clock === "cpu" ? " per CPU second" : ""}, median of ${args.timing.reps}${args.quick ? " (--quick)" : ""}`,
    `machine: ${machine}; rnnlab float64 and float32 matmuls (1 thread; "mt": ${mt} threads), ${kernels}; TensorFlow.js 4.22 float32; ${torchInfo} float32`,
    "",
    "| work | rnnlab | rnnlab f32 | rnnlab f32 mt | tfjs cpu | tfjs wasm | PyTorch | rnnlab / best tfjs | rnnlab f32 / best tfjs | rnnlab / PyTorch | rnnlab f32 / PyTorch |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const w of args.workloads) {
    const r = results[w.id];
    const cpu = r["tfjs-cpu"]?.stepsPerSec ?? 0, wasm = r["tfjs-wasm"]?.stepsPerSec ?? 0;
    const tf = cpu || wasm ? (cpu >= wasm ? r["tfjs-cpu"] : r["tfjs-wasm"]) : undefined;
    lines.push(`| ${w.id}: ${w.note} | ${fmtRate(r.rnnlab)} | ${fmtRate(r["rnnlab-f32"])} | ${fmtRate(r["rnnlab-f32-mt"])} | ${fmtRate(r["tfjs-cpu"])} | ${fmtRate(r["tfjs-wasm"])} | ${fmtRate(r.torch)} | ` +
      `${fmtRatio(r.rnnlab, tf)} | ${fmtRatio(r["rnnlab-f32"], tf)} | ${fmtRatio(r.rnnlab, r.torch)} | ${fmtRatio(r["rnnlab-f32"], r.torch)} |`);
  }
  const skips = args.workloads.flatMap((w) => Object.entries(results[w.id]).filter(([, t]) => t?.skipped).map(([p, t]) => `${w.id} ${p}: ${t!.skipped}`));
  if (skips.length) lines.push("", "skipped: " + skips.join("; "));
  const w3 = args.workloads.find((w) => w.id === "W3");
  const peak: Record<string, number | undefined> = {};
  const rates = Object.entries(gemmRates).map(([p, g]) => `${p} ${g!.toFixed(2)}`);
  if (rates.length || torchGemm) {
    lines.push("", `gemm [${GEMM.M}×${GEMM.K}]·[${GEMM.N}×${GEMM.K}]ᵀ GFLOP/s: ${rates.join(", ")}` + (torchGemm ? `${rates.length ? ", " : ""}PyTorch float32 ${torchGemm.toFixed(1)}` : ""));
  }
  if (w3) {
    for (const [p, t] of Object.entries(results.W3) as [Peer, Timing][]) {
      const rate = t?.stepsPerSec ?? t?.estimatedStepsPerSec;
      if (rate !== undefined) peak[p] = (stepFlops(w3) * rate) / 1e9;
    }
    const est = (p: string): string => (results.W3[p as Peer]?.stepsPerSec === undefined ? " (est.)" : "");
    const parts = Object.entries(peak).map(([p, g]) => `${p} ${g!.toFixed(2)} GFLOP/s${est(p)}`);
    if (parts.length) lines.push(`W3 matmul work (${(stepFlops(w3) / 1e9).toFixed(1)} GFLOP/step) done at: ${parts.join(", ")}`);
    for (const p of ["rnnlab", "rnnlab-f32", "rnnlab-f32-mt"] as const) {
      const g = gemmRates[p];
      if (peak[p] === undefined || !g) continue;
      lines.push(`W3 ${p}${est(p)}: ${((100 * peak[p]!) / g).toFixed(0)}% of its own gemm rate` +
        (torchGemm ? `, ${((100 * peak[p]!) / torchGemm).toFixed(1)}% of the machine's float32 matmul peak (PyTorch sgemm, one core)` : ""));
    }
  }
  // every native product beside the kernel it replaces, on this ISA: a loss is printed loudly and fails the run
  let gemmCheck: GemmRates[] = [];
  let losses: string[] = [];
  if (args.peers.some((p) => p.startsWith("rnnlab"))) {
    log("bench: native against WebAssembly, per product …");
    const c = compareGemm((f) => callRate(f, args.quick ? 0.1 : 0.5, args.timing.clock));
    gemmCheck = c.rates;
    losses = c.losses;
    lines.push("", ...c.lines, ...c.losses);
  }
  lines.push(`(bench time ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  console.log(lines.join("\n"));
  if (losses.length > 0) process.exitCode = 1;

  if (args.json) {
    const figures = { date: new Date().toISOString(), machine, kernels, torch: torchInfo, quick: args.quick, timing: args.timing, workloads: args.workloads,
      machineThreads: mt, results, gemmGflops: { ...gemmRates, torch: torchGemm }, w3Gflops: peak, gemmCheck };
    fs.writeFileSync(args.json, JSON.stringify(figures, null, 2) + "\n");
    log(`bench: wrote ${args.json}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
