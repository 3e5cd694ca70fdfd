// Micro-benchmarks of the hot kernels (gemm per transpose case: native, WebAssembly, naive) and training steps per second of W1–W4, for engineer S's speed work.
//   node --import tsx bench/kernels.ts [--only gemm|steps] [--seconds 0.5] [--w W1,W4] [--isa avx2|avx512f|128-bit]
//   node --expose-gc --import tsx bench/kernels.ts --only memory   (BPTT memory: full over 1,000 steps, truncated vs T)
import { Command } from "commander";
import * as rl from "../kernel-lib/src";
import { WORKLOADS } from "./workloads";
import { rnnlabTrainingStep } from "./rnnlab_peer";

const args = new Command("kernels")
  .description("micro-benchmarks of the hot kernels, training steps per second, BPTT memory")
  .option("--only <part>", "gemm, steps or memory (default gemm and steps)")
  .option("--seconds <s>", "time budget per case", "0.5")
  .option("--w <ids>", "workloads for the steps part, comma-separated", "W1,W2,W2b,W4")
  .option("--isa <name>", "force the native kernels of a narrower instruction set (avx2, 128-bit; the same bits)")
  .exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : 2))
  .parse()
  .opts<{ only?: string; seconds: string; w: string; isa?: string }>();
if (args.isa !== undefined) {
  const inUse = rl.setNativeKernels(true, args.isa as "avx512f" | "avx2" | "128-bit");
  if (inUse !== args.isa) throw new Error(`bench/kernels.ts: --isa ${args.isa} is not available here (the add-on runs ${inUse || "nothing"})`);
}
const only = args.only;
const budget = Number(args.seconds);
const ids = args.w.split(",");

/**
 * CPU seconds of this process (user + system): steadier than wall time on a machine shared with other jobs.
 * It counts every thread, the garbage collector's helpers too, so allocation-heavy tiny workloads (W4) read
 * lower here than in wall-clock steps/s (`npm run bench`); compare like with like.
 */
function cpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Median rate (calls per CPU second) of `f` over 5 repetitions of about `budget/5` seconds each. */
function rate(f: () => void): number {
  f();
  let k = 1;
  const t0 = cpu();
  f();
  const one = Math.max(cpu() - t0, 1e-4);
  k = Math.max(1, Math.round(budget / 5 / one));
  const rs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const s = cpu();
    for (let i = 0; i < k; i++) f();
    rs.push(k / Math.max(cpu() - s, 1e-6));
  }
  rs.sort((a, b) => a - b);
  return rs[2];
}

const MiB = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;

/** heapUsed + external + arrayBuffers after a full collection (Float64Arrays live in arrayBuffers). */
function liveBytes(): number {
  (globalThis as unknown as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

if (only === "memory") {
  if (!(globalThis as unknown as { gc?: () => void }).gc) throw new Error("run with node --expose-gc for the memory check");
  const B = 32, I = 32, H = 256;
  const rng = new rl.Rng(5);
  const cell = rl.lstmCell();
  const p = rl.initCellParams("lstm", I, H, { rng });
  const T = 1000;
  const x = rl.randn([T, B, I], { rng });
  const dOut = rl.randn([T, B, H], { rng });
  const peakRss = (): number => process.resourceUsage().maxRSS * 1024; // the process's high-water mark so far
  // gradient checkpointing first (the peak RSS is a high-water mark): states every ⌈√T⌉ = 32 steps, each segment re-run backward
  {
    const base = liveBytes();
    let atLoss = 0;
    const r = rl.checkpointedBptt(cell, p, x, () => { atLoss = liveBytes() - base; return { loss: 0, dOutputs: dOut }; }, { grads: rl.zerosLikeParams(p) });
    console.log(`checkpointed BPTT LSTM T=${T} B=${B} I=${I} H=${H} (${r.segments} segments of ${r.every}): ` +
      `${MiB(atLoss)} live between forward and backward (outputs ${MiB(T * B * H * 8)} + saved states), peak process RSS ${MiB(peakRss())}`);
  }
  // full BPTT over T = 1000: the caches of every step are alive between forward and backward
  {
    const base = liveBytes();
    const fwd = rl.unroll(cell, p, x);
    const afterForward = liveBytes();
    rl.bptt(cell, fwd.caches, dOut, null, rl.zerosLikeParams(p));
    const rss = peakRss();
    console.log(`full BPTT LSTM T=${T} B=${B} I=${I} H=${H}: caches+states+outputs ${MiB(afterForward - base)} live after forward, ` +
      `peak process RSS ${MiB(rss)} (limit asked: well under 1024 MiB) — ${rss < 2 ** 30 ? "OK" : "TOO BIG"}`);
  }
  // truncated BPTT(50, 50): the live memory during the run must not grow with T
  const peaks: number[] = [];
  for (const T of [200, 1000]) {
    const x = rl.randn([T, B, I], { rng });
    const base = liveBytes();
    // array buffers are released lazily even after gc(), so single samples jitter by ~20 MiB: compare medians
    const samples: number[] = [];
    rl.truncatedBptt(cell, p, x, (out) => ({ loss: 0, dOutputs: rl.zeros(out.shape) }), {
      k1: 50, k2: 50, grads: rl.zerosLikeParams(p),
      onUpdate: () => { samples.push(liveBytes() - base); },
    });
    samples.sort((a, b) => a - b);
    peaks.push(samples[samples.length >> 1]);
    console.log(`truncated BPTT(50, 50) LSTM T=${T}: live memory above the input at each update: median ${MiB(peaks[peaks.length - 1])}, ` +
      `max ${MiB(samples[samples.length - 1])} over ${samples.length} updates`);
  }
  console.log(`truncated memory (median) T=1000 vs T=200: ×${(peaks[1] / peaks[0]).toFixed(2)} — ${peaks[1] < 1.25 * peaks[0] ? "does not grow with T" : "GROWS with T"}`);
  process.exit(0);
}

if (only !== "steps") {
  const rng = new rl.Rng(3);
  // the three products of a W1 LSTM step: z = x·Wᵀ (NT), dW += dzᵀ·x (TN), dx = dz·W (NN)
  const cases: [string, number, number, number, boolean, boolean, boolean][] = [
    ["NT z=h·Whhᵀ   [32,512,128]", 32, 512, 128, false, true, false],
    ["TN dW+=dzᵀ·h  [512,128,32]", 512, 128, 32, true, false, true],
    ["NN dh=dz·Whh  [32,128,512]", 32, 128, 512, false, false, false],
    ["NT W3 [64,2048,640]", 64, 2048, 640, false, true, false],
    ["NT tiny [1,64,16]", 1, 64, 16, false, true, false],
  ];
  const nk = rl.nativeKernels();
  const gf = (M: number, N: number, K: number, r: number): string => ((2 * M * N * K * r) / 1e9).toFixed(2);
  const losses: string[] = [];
  for (const prec of ["float64", "float32"] as const) {
    rl.setPrecision(prec);
    for (const [name, M, N, K, ta, tb, acc] of cases) {
      const A = rl.randn([M * K], { rng }).data;
      const B = rl.randn([K * N], { rng }).data;
      const C = new Float64Array(M * N);
      // the native products (where built) and the WebAssembly kernels: the same bits, different speed
      const r = rate(() => rl.gemm(C, A, B, M, N, K, ta, tb, acc));
      rl.setNativeKernels(false);
      const w = rate(() => rl.gemm(C, A, B, M, N, K, ta, tb, acc));
      if (nk.available) rl.setNativeKernels(true, nk.isa as "avx512f" | "avx2" | "128-bit");
      const n = prec === "float64" ? rate(() => rl.gemmNaive(C, A, B, M, N, K, ta, tb, acc)) : 0;
      console.log(`gemm ${prec} ${name}: ${gf(M, N, K, r)} GFLOP/s ${nk.available ? `native ${nk.isa}` : "(no native add-on)"}, ` +
        `WebAssembly ${gf(M, N, K, w)}${prec === "float64" ? `, naive ${gf(M, N, K, n)}` : ""}`);
      // a native kernel must never be slower than the WebAssembly one it replaces (5 % for timing noise)
      // smaller products run in JS on both sides, and A·Bᵀ in WebAssembly on both sides where the add-on has 128-bit vectors only
      const nativeSized = M >= 2 && N >= 4 && M * N * K >= rl.GEMM_WASM_MIN_WORK && (!tb || nk.isa !== "128-bit");
      if (nk.available && nativeSized && r < 0.95 * w) losses.push(`${prec} ${name}: native ${nk.isa} ${gf(M, N, K, r)} < WebAssembly ${gf(M, N, K, w)} GFLOP/s`);
    }
  }
  rl.setPrecision("float64");
  for (const l of losses) console.log(`!!! NATIVE LOSES to the kernel it replaces: ${l}`);
  if (nk.available && losses.length === 0) console.log(`native ${nk.isa} is at least as fast as WebAssembly on every product measured`);
}

if (only !== "gemm") {
  for (const w of WORKLOADS.filter((w) => ids.includes(w.id))) {
    const step = rnnlabTrainingStep(w);
    console.log(`${w.id} ${w.note}: ${rate(step).toFixed(w.id === "W4" ? 0 : 2)} steps/s`);
  }
  const m = process.memoryUsage();
  console.log(`rss ${(m.rss / 2 ** 20).toFixed(0)} MiB, heapUsed ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
