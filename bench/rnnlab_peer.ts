// rnnlab's side of the benchmark: the layer classes of the library (float64), one training step per call.
import * as rl from "../kernel-lib/src";
import type { Workload } from "./workloads";
import { trainingStep } from "./training-step";

/** One rnnlab training step of `w` with this tree's package (see training-step.ts). */
export function rnnlabTrainingStep(w: Workload): () => void {
  return trainingStep(rl, w);
}

/** GFLOP/s of rnnlab's raw `gemm` on `C[M,N] = A[M,K] · B[N,K]ᵀ` (the gate product's layout), float64; `clock` as in timing.ts. */
export function rnnlabGemmGflops(M: number, N: number, K: number, seconds = 0.5, clock: "wall" | "cpu" = "wall"): number {
  const rng = new rl.Rng(2);
  const A = rl.randn([M, K], { rng }).data;
  const B = rl.randn([N, K], { rng }).data;
  const C = new Float64Array(M * N);
  rl.gemm(C, A, B, M, N, K, false, true);
  const now = clock === "cpu" ? (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } : (): number => performance.now();
  let n = 0;
  const t0 = now();
  while (now() - t0 < seconds * 1000) {
    rl.gemm(C, A, B, M, N, K, false, true);
    n++;
  }
  return (2 * M * N * K * n) / ((now() - t0) / 1000) / 1e9;
}
