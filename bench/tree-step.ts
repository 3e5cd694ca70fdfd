// One child of bench/compare-trees.ts: times the workloads' training steps with the rnnlab of a given checkout.
//   node --import tsx bench/tree-step.ts <tree> <float64|float32> <W1,W2,…> [isa] [reps]   → one JSON line on stdout
import * as path from "node:path";
import { WORKLOADS } from "./workloads";
import { timeSteps, type Timing } from "./timing";

const [tree, precision, ids, isa, reps] = process.argv.slice(2);
// the package index of that checkout: it installs its own fast kernels, as `import * as rl from "rnnlab"` would
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rl = require(path.resolve(tree, "kernel-lib", "src")) as Record<string, any>;
rl.setGemmThreads(1);
if (isa) {
  const inUse = rl.setNativeKernels(true, isa);
  if (inUse !== isa) throw new Error(`tree-step: ${isa} is not available in ${tree} (the add-on runs ${inUse || "nothing"})`);
}
rl.setPrecision(precision);

/** One training step: zeroGrad, forward, backward of `Σ outputs · w` (as bench/rnnlab_peer.ts). */
function stepOf(w: (typeof WORKLOADS)[number], T: number): () => void {
  const rng = new rl.Rng(1);
  const layer = new rl[w.kind]({ inputSize: w.I, hiddenSize: w.H, rng });
  const x = rl.randn([T, w.B, w.I], { rng });
  const dOutputs = rl.randn([T, w.B, w.H], { rng });
  return () => {
    layer.zeroGrad();
    layer.forward(x);
    layer.backward(dOutputs);
  };
}

const out: Record<string, Timing> = {};
for (const w of WORKLOADS.filter((x) => ids.split(",").includes(x.id))) {
  out[w.id] = timeSteps(stepOf(w, w.T), stepOf(w, Math.min(2, w.T)), w.T, { reps: Number(reps ?? 3), repSeconds: 0.4, capSeconds: 60, clock: "cpu" });
}
const nk = rl.nativeKernels();
console.log(JSON.stringify({ kernels: nk.available && nk.enabled ? nk.isa : "wasm", results: out }));
