// One child of bench/count-instructions.ts: `warm` training steps of one workload, then `steps` more, with the rnnlab of a
// given checkout, under valgrind. Only the difference between two step counts is used, so start-up and JIT warm-up cancel.
//   node --import tsx bench/instruction-steps.ts <tree> <float64|float32> <W4> <warm> <steps>
import { WORKLOADS } from "./workloads";
import { trainingStep } from "./training-step";
import { kernelsOf, loadTree } from "./load-tree";

const [tree, precision, id, warm, steps] = process.argv.slice(2);
const rl = loadTree(tree, precision);
const w = WORKLOADS.find((x) => x.id === id);
if (!w) throw new Error(`instruction-steps: unknown workload ${id}`);
const step = trainingStep(rl, w);
for (let i = 0; i < Number(warm); i++) step();
for (let i = 0; i < Number(steps); i++) step();
console.log(JSON.stringify({ kernels: kernelsOf(rl) }));
