// One rnnlab training step of a workload, for any copy of the package (this tree's, or another checkout's index that
// bench/tree-step.ts loads): only type imports here, so loading this file loads no rnnlab.
import type * as RL from "../kernel-lib/src";
import type { Workload } from "./workloads";

/** The part of the layer contract (DESIGN.md, "Layers") the benchmark drives. */
interface BenchLayer {
  forward(x: RL.Tensor): unknown;
  backward(dOutputs: RL.Tensor): unknown;
  zeroGrad(): void;
}
type BenchLayerClass = new (o: { inputSize: number; hiddenSize: number; rng?: RL.Rng }) => BenchLayer;

/**
 * One training step of `w` with the package `lib`: `zeroGrad`, `forward(x)` on `x [T, B, I]`, and `backward(w)` for
 * the loss `Σ outputs · w` with fixed random `w [T, B, H]` (so `dOutputs = w`), full BPTT.
 */
export function trainingStep(lib: typeof RL, w: Workload): () => void {
  const Layer = (lib as Record<string, unknown>)[w.kind] as BenchLayerClass | undefined;
  if (typeof Layer !== "function") throw new Error(`rnnlab does not export ${w.kind} yet`);
  const rng = new lib.Rng(1);
  const layer = new Layer({ inputSize: w.I, hiddenSize: w.H, rng });
  const x = lib.randn([w.T, w.B, w.I], { rng });
  const dOutputs = lib.randn([w.T, w.B, w.H], { rng });
  return () => {
    layer.zeroGrad();
    layer.forward(x);
    layer.backward(dOutputs);
  };
}
