// Before/after speed of two checkouts of rnnlab in one run: `npm run bench -- …` compares peers; this compares trees.
//   node --import tsx bench/compare-trees.ts <other-tree> [--only W1,W4] [--isa avx2] [--rounds 3]
// The other tree must be built (its kernel-lib/build holds the native add-on, if it has one). For each precision the
// two trees are timed in fresh child processes, alternating A B, B A, … for `rounds` rounds (CPU time of the child,
// the same timing code for both); each cell of the table is the median over all repetitions of all rounds.
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { Command } from "commander";
import { WORKLOADS } from "./workloads";
import { median, type Timing } from "./timing";

const o = new Command("compare-trees")
  .argument("<tree>", "the other checkout (built)")
  .option("--only <ids>", "workloads, comma-separated", WORKLOADS.map((w) => w.id).join(","))
  .option("--isa <name>", "force these native kernels in both trees (avx2 on an AVX-512 machine)")
  .option("--rounds <n>", "alternating rounds per tree and precision", "3")
  .parse();
const other = path.resolve(o.args[0]);
const { only, isa, rounds } = o.opts<{ only: string; isa?: string; rounds: string }>();
const here = path.resolve(__dirname, "..");
const trees = [["this tree", here], ["other tree", other]] as const;

function child(tree: string, precision: string): { kernels: string; results: Record<string, Timing> } {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "tree-step.ts"), tree, precision, only, isa ?? "", "3"],
    { encoding: "utf8", timeout: 30 * 60 * 1000 });
  if (r.status !== 0) throw new Error(`compare-trees: the child for ${tree} (${precision}) failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

const t0 = Date.now();
const load = os.loadavg()[0];
const rates: Record<string, number[]> = {};
const kernels: Record<string, string> = {};
for (const precision of ["float64", "float32"]) {
  for (let round = 0; round < Number(rounds); round++) {
    for (const [name, tree] of round % 2 ? [...trees].reverse() : trees) {
      process.stderr.write(`compare-trees: ${precision} round ${round + 1} ${name} …\n`);
      const c = child(tree, precision);
      kernels[name] = c.kernels;
      for (const [id, t] of Object.entries(c.results)) (rates[`${name}|${precision}|${id}`] ??= []).push(...(t.reps ?? []));
    }
  }
}
const cell = (name: string, p: string, id: string) => { const r = rates[`${name}|${p}|${id}`]; return r?.length ? median(r) : NaN; };
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toPrecision(3));
const lines = [
  `training steps/s per CPU second, median of ${Number(rounds) * 3} repetitions per cell (${rounds} alternating rounds × 3)`,
  `machine: ${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, load average ${load.toFixed(1)} at start; ` +
    `kernels: this tree ${kernels["this tree"]}, other tree ${kernels["other tree"]}; other tree = ${other}`,
  "",
  "| work | precision | this tree | other tree | this / other |",
  "|---|---|---|---|---|",
];
for (const w of WORKLOADS.filter((x) => only.split(",").includes(x.id))) {
  for (const p of ["float64", "float32"]) {
    const a = cell("this tree", p, w.id), b = cell("other tree", p, w.id);
    lines.push(`| ${w.id}: ${w.note} | ${p} | ${fmt(a)} | ${fmt(b)} | ${(a / b).toFixed(2)}× |`);
  }
}
lines.push(`(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
console.log(lines.join("\n"));
