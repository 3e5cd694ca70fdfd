// Micro-benchmarks of the hot kernels (gemm per transpose case) and training steps per second of W1–W4, for engineer S's speed work.
//   node --import tsx bench/kernels.ts [--only gemm|steps] [--seconds 0.5] [--w W1,W4]
import * as rl from "../kernel-lib/src";
import { WORKLOADS } from "./workloads";
import { rnnlabTrainingStep } from "./rnnlab_peer";

const argv = process.argv.slice(2);
const opt = (k: string): string | undefined => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : undefined; };
const only = opt("--only");
const budget = Number(opt("--seconds") ?? 0.5);
const ids = (opt("--w") ?? "W1,W2,W2b,W4").split(",");

/** CPU seconds of this process (user + system): steadier than wall time on a machine shared with other jobs. */
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
  for (const [name, M, N, K, ta, tb, acc] of cases) {
    const A = rl.randn([M * K], { rng }).data;
    const B = rl.randn([K * N], { rng }).data;
    const C = new Float64Array(M * N);
    const r = rate(() => rl.gemm(C, A, B, M, N, K, ta, tb, acc));
    const n = rate(() => rl.gemmNaive(C, A, B, M, N, K, ta, tb, acc));
    console.log(`gemm ${name}: ${((2 * M * N * K * r) / 1e9).toFixed(2)} GFLOP/s (naive ${((2 * M * N * K * n) / 1e9).toFixed(2)})`);
  }
}

if (only !== "gemm") {
  for (const w of WORKLOADS.filter((w) => ids.includes(w.id))) {
    const step = rnnlabTrainingStep(w);
    console.log(`${w.id} ${w.note}: ${rate(step).toFixed(w.id === "W4" ? 0 : 2)} steps/s`);
  }
  const m = process.memoryUsage();
  console.log(`rss ${(m.rss / 2 ** 20).toFixed(0)} MiB, heapUsed ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
