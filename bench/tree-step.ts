// One child of bench/compare-trees.ts: times the workloads' training steps with the rnnlab of a given checkout.
//   node --import tsx bench/tree-step.ts <tree> <float64|float32> <W1,W2,…> [isa] [reps]   → one JSON line on stdout
import * as path from "node:path";
import { WORKLOADS } from "./workloads";
import { timeSteps, type Timing } from "./timing";
import { trainingStep } from "./training-step";

const [tree, precision, ids, isa, reps] = process.argv.slice(2);
// the package index of that checkout: it installs its own fast kernels, as `import * as rl from "rnnlab"` would
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rl = require(path.resolve(tree, "kernel-lib", "src")) as typeof import("../kernel-lib/src");
rl.setGemmThreads(1);
if (isa) {
  const inUse = rl.setNativeKernels(true, isa as "avx512f" | "avx2" | "128-bit");
  if (inUse !== isa) throw new Error(`tree-step: ${isa} is not available in ${tree} (the add-on runs ${inUse || "nothing"})`);
}
rl.setPrecision(precision as "float64" | "float32");

const out: Record<string, Timing> = {};
for (const w of WORKLOADS.filter((x) => ids.split(",").includes(x.id))) {
  out[w.id] = timeSteps(trainingStep(rl, w), trainingStep(rl, { ...w, T: Math.min(2, w.T) }), w.T, { reps: Number(reps ?? 3), repSeconds: 0.4, capSeconds: 60, clock: "cpu" });
}
const nk = rl.nativeKernels();
console.log(JSON.stringify({ kernels: nk.available && nk.enabled ? nk.isa : "wasm", results: out }));
