// Micro-benchmarks of the hot kernels (gemm per transpose case: native, WebAssembly, naive) and training steps per second of W1–W4, for engineer S's speed work.
//   node --import tsx bench/kernels.ts [--only gemm|steps] [--seconds 0.5] [--w W1,W4] [--isa avx2|avx512f|128-bit]
//   node --expose-gc --import tsx bench/kernels.ts --only memory   (BPTT memory: full over 1,000 steps, truncated vs T)
import { Command } from "commander";
import * as rl from "../kernel-lib/src";
import { WORKLOADS } from "./workloads";
import { rnnlabTrainingStep } from "./rnnlab_peer";
import { compareGemm } from "./gemm-check";
import { callRate } from "./timing";

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
 * Median calls per CPU second of `f` (bench/timing.ts): CPU time is steadier than wall time on a shared machine. It counts
 * every thread, the garbage collector's helpers too, so allocation-heavy tiny workloads (W4) read lower here than in
 * wall-clock steps/s (`npm run bench`); compare like with like.
 */
const rate = (f: () => void): number => callRate(f, budget, "cpu");

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
  // native, WebAssembly and naive per product (bench/gemm-check.ts, which `npm run bench` prints too)
  const { lines, losses } = compareGemm(rate);
  for (const l of [...lines, ...losses]) console.log(l);
}

if (only !== "gemm") {
  for (const w of WORKLOADS.filter((w) => ids.includes(w.id))) {
    const step = rnnlabTrainingStep(w);
    console.log(`${w.id} ${w.note}: ${rate(step).toFixed(w.id === "W4" ? 0 : 2)} steps/s`);
  }
  const m = process.memoryUsage();
  console.log(`rss ${(m.rss / 2 ** 20).toFixed(0)} MiB, heapUsed ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
