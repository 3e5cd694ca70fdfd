// One child of bench/compare-trees.ts: times the workloads' training steps with the rnnlab of a given checkout.
//   node --import tsx bench/tree-step.ts <tree> <float64|float32> <W1,W2,…> [isa] [reps]   → one JSON line on stdout
import { WORKLOADS } from "./workloads";
import { timeSteps, type Timing } from "./timing";
import { trainingStep } from "./training-step";
import { kernelsOf, loadTree } from "./load-tree";

const [tree, precision, ids, isa, reps] = process.argv.slice(2);
const rl = loadTree(tree, precision, isa);

const out: Record<string, Timing> = {};
for (const w of WORKLOADS.filter((x) => ids.split(",").includes(x.id))) {
  out[w.id] = timeSteps(trainingStep(rl, w), trainingStep(rl, { ...w, T: Math.min(2, w.T) }), w.T, { reps: Number(reps ?? 3), repSeconds: 0.4, capSeconds: 60, clock: "cpu" });
}
console.log(JSON.stringify({ kernels: kernelsOf(rl), results: out }));
