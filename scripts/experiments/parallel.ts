// `node --import tsx scripts/experiments/parallel.ts <sweep> [maxProcesses]`: the protocol of one sweep with every run in its own
// process (niced): first all grid runs, then the remaining seeds at the chosen rates; then the part files are merged into the
// results file in the order one process would have written it (the records are the same bits either way).
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { assertSameComputation, chooseLearningRates, conditionKey, readResults, RunRecord } from "../../kernel-lib/src";
import { SWEEPS } from "./sweeps";

const [name, maxArg] = process.argv.slice(2);
const sweep = SWEEPS[name];
if (!sweep) throw new Error(`parallel: unknown sweep "${name}"`);
const max = Number(maxArg ?? 16);
const conditions = sweep.conditions();
const dir = path.dirname(sweep.file);
const partOf = (i: number, lr: number, seed: number) => path.join(dir, `${name}.part-run-${i}_${lr}_${seed}.json`);

/** True when a process already runs this configuration (left by an orchestrator that was stopped). */
function alreadyRunning(i: number, lr: number, seed: number): boolean {
  try {
    return execFileSync("pgrep", ["-f", `main.ts ${name} --run ${i}:${lr}:${seed}$`]).toString().trim().length > 0;
  } catch {
    return false;
  }
}

/** Runs the jobs (condition index, rate, seed) in at most `max` niced processes; skips those whose part file exists. */
async function runAll(jobs: [number, number, number][]): Promise<void> {
  const todo = jobs.filter(([i, lr, seed]) => !fs.existsSync(partOf(i, lr, seed)));
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const [i, lr, seed] = todo[next++];
      if (alreadyRunning(i, lr, seed)) {
        // a run left by an earlier orchestrator: wait for its part file instead of starting it twice
        while (!fs.existsSync(partOf(i, lr, seed))) await new Promise((r) => setTimeout(r, 5000));
        continue;
      }
      await new Promise<void>((resolve, reject) => {
        const p = spawn("nice", ["-n", "10", process.execPath, "--import", "tsx", path.join(__dirname, "main.ts"), name, "--run", `${i}:${lr}:${seed}`], { stdio: ["ignore", "inherit", "inherit"] });
        p.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`parallel: run ${i}:${lr}:${seed} exited with ${code}`))));
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(max, todo.length) }, worker));
}

async function main(): Promise<void> {
  const { lrGrid, seeds } = sweep.spec;
  await runAll(conditions.flatMap((_, i) => lrGrid.map((lr) => [i, lr, seeds[0]] as [number, number, number])));
  const read = (i: number, lr: number, seed: number): RunRecord => {
    const part = readResults(partOf(i, lr, seed));
    assertSameComputation(part);
    return part.records[0];
  };
  const grid = conditions.flatMap((_, i) => lrGrid.map((lr) => read(i, lr, seeds[0])));
  const chosen = chooseLearningRates(grid, sweep.spec);
  const lrOf = (i: number) => chosen.get(conditionKey(conditions[i])) as number;
  await runAll(conditions.flatMap((_, i) => seeds.slice(1).map((seed) => [i, lrOf(i), seed] as [number, number, number])));
  const records = conditions.flatMap((_, i) => [...lrGrid.map((lr) => read(i, lr, seeds[0])), ...seeds.slice(1).map((seed) => read(i, lrOf(i), seed))]);
  const { resultsJson } = await import("../../kernel-lib/src");
  fs.writeFileSync(sweep.file, resultsJson(name, sweep.spec, records));
  console.log(`[${name}] ${records.length} runs → ${sweep.file}`);
}
main().catch((e) => { console.error(e); process.exit(1); });
