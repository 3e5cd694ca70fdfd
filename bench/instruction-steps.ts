// One child of bench/count-instructions.ts: `warm` training steps of one workload, then `steps` more, with the rnnlab of a
// given checkout, under valgrind. Only the difference between two step counts is used, so start-up and JIT warm-up cancel.
//   node --import tsx bench/instruction-steps.ts <tree> <float64|float32> <W4> <warm> <steps>
import * as path from "node:path";
import { WORKLOADS } from "./workloads";
import { trainingStep } from "./training-step";

const [tree, precision, id, warm, steps] = process.argv.slice(2);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rl = require(path.resolve(tree, "kernel-lib", "src")) as typeof import("../kernel-lib/src");
rl.setGemmThreads(1);
rl.setPrecision(precision as "float64" | "float32");
const w = WORKLOADS.find((x) => x.id === id);
if (!w) throw new Error(`instruction-steps: unknown workload ${id}`);
const step = trainingStep(rl, w);
for (let i = 0; i < Number(warm); i++) step();
for (let i = 0; i < Number(steps); i++) step();
const nk = rl.nativeKernels();
console.log(JSON.stringify({ kernels: nk.available && nk.enabled ? nk.isa : "wasm" }));
