// rnnlab's side of the benchmark: the layer classes of the library (float64), one training step per call.
import * as rl from "../kernel-lib/src";
import type { Workload } from "./workloads";

/** The part of the layer contract (DESIGN.md, "Layers") the benchmark drives. */
interface BenchLayer {
  forward(x: rl.Tensor): unknown;
  backward(dOutputs: rl.Tensor): unknown;
  zeroGrad(): void;
}
type BenchLayerClass = new (o: { inputSize: number; hiddenSize: number; rng?: rl.Rng }) => BenchLayer;

/**
 * One rnnlab training step of `w`: `zeroGrad`, `forward(x)`, and `backward(w)` for the loss `Σ outputs · w`
 * with fixed random `w` (so `dOutputs = w`), full BPTT.
 */
export function rnnlabTrainingStep(w: Workload): () => void {
  const Layer = (rl as Record<string, unknown>)[w.kind] as BenchLayerClass | undefined;
  if (typeof Layer !== "function") throw new Error(`rnnlab does not export ${w.kind} yet`);
  const rng = new rl.Rng(1);
  const layer = new Layer({ inputSize: w.I, hiddenSize: w.H, rng });
  const x = rl.randn([w.T, w.B, w.I], { rng });
  const dOutputs = rl.randn([w.T, w.B, w.H], { rng });
  return () => {
    layer.zeroGrad();
    layer.forward(x);
    layer.backward(dOutputs);
  };
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
