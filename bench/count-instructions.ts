// Instructions per training step of this tree and another checkout, counted by valgrind: unlike a clock, the count does not
// depend on what else the machine runs, so a difference of a few per cent is visible on a loaded machine too.
//   node --import tsx bench/count-instructions.ts <other-tree> [--only W4] [--steps 16000] [--warm 8000] [--top 12]
// Needs Debian's `valgrind` (apt-get install valgrind). valgrind's CPU has no AVX-512, so the native add-on runs its AVX2
// kernels here (the path of most students' machines). Each tree runs `warm + n` and `warm + 5n` steps (n = steps / 4) in
// two processes; instructions per step = (count(warm + 5n) − count(warm + n)) / 4n, so start-up, compilation of the
// library and V8's early JIT work cancel out. Prints per precision the two counts, their ratio, and the functions whose
// per-step count moved most (the add-on's kernels and V8 builtins by name; JIT-compiled JavaScript appears as addresses).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Command } from "commander";

const o = new Command("count-instructions")
  .argument("<tree>", "the other checkout (built)")
  .option("--only <id>", "the workload", "W4")
  .option("--steps <n>", "steps between the two counts", "16000")
  .option("--warm <n>", "steps before counting starts", "8000")
  .option("--top <n>", "functions to list per precision", "12")
  .parse();
const { only, steps, warm, top } = o.opts<{ only: string; steps: string; warm: string; top: string }>();
const trees = [["this tree", path.resolve(__dirname, "..")], ["other tree", path.resolve(o.args[0])]] as const;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-instr-"));
const n = Math.max(1, Math.round(Number(steps) / 4));

/** Self instructions per function (callgrind_annotate, inclusive = no) of one run of `total` steps after the warm-up. */
function profile(tree: string, precision: string, total: number): Map<string, number> {
  const out = path.join(tmp, `cg-${path.basename(tree)}-${precision}-${total}.out`);
  const args = ["--tool=callgrind", "--smc-check=all-non-file", `--callgrind-out-file=${out}`, process.execPath, "--import", "tsx",
    path.join(__dirname, "instruction-steps.ts"), tree, precision, only, warm, String(total)];
  const r = spawnSync("valgrind", args, { encoding: "utf8", timeout: 60 * 60 * 1000 });
  if (r.error) throw new Error(`count-instructions: cannot start valgrind (${r.error.message}); install it: apt-get install valgrind`);
  if (r.status !== 0) throw new Error(`count-instructions: valgrind on ${tree} (${precision}) exited with ${r.status}:\n${r.stderr.slice(-3000)}`);
  const a = spawnSync("callgrind_annotate", ["--inclusive=no", "--threshold=100", out], { encoding: "utf8", maxBuffer: 64 << 20 });
  const fns = new Map<string, number>();
  for (const line of a.stdout.split("\n")) {
    const m = /^\s*([\d,]+)\s+\([^)]*\)\s+(.*)$/.exec(line);
    if (!m) continue;
    // one name per function whatever the checkout's path, and JIT code (no symbol) pooled
    const name = m[2].trim().replace(/\[\/[^\]]*rnnlab_native\.node\]/, "[add-on]").replace(/0x[0-9a-f]+/g, "…");
    fns.set(name, (fns.get(name) ?? 0) + Number(m[1].replace(/,/g, "")));
  }
  return fns;
}

/** Per-step self instructions per function: the difference of a long and a short run. */
function perStep(tree: string, precision: string): Map<string, number> {
  const short = profile(tree, precision, n), long = profile(tree, precision, 5 * n);
  const names = new Set([...short.keys(), ...long.keys()]);
  return new Map([...names].map((k) => [k, ((long.get(k) ?? 0) - (short.get(k) ?? 0)) / (4 * n)]));
}

const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
for (const precision of ["float64", "float32"]) {
  const [a, b] = trees.map(([name, tree]) => {
    process.stderr.write(`count-instructions: ${precision} ${name} …\n`);
    return perStep(tree, precision);
  });
  const total = (m: Map<string, number>) => m.get("PROGRAM TOTALS") ?? NaN;
  console.log(`\n${only} ${precision}: ${fmt(total(a))} instructions per step in this tree, ${fmt(total(b))} in the other ` +
    `(this / other = ${(total(a) / total(b)).toFixed(3)})`);
  const names = [...new Set([...a.keys(), ...b.keys()])].filter((k) => k !== "PROGRAM TOTALS");
  const moved = names.map((k) => ({ k, d: (a.get(k) ?? 0) - (b.get(k) ?? 0) })).sort((x, y) => Math.abs(y.d) - Math.abs(x.d));
  console.log("| function | this tree | other tree | difference |\n|---|---|---|---|");
  for (const { k, d } of moved.slice(0, Number(top))) console.log(`| ${k.slice(0, 90)} | ${fmt(a.get(k) ?? 0)} | ${fmt(b.get(k) ?? 0)} | ${d > 0 ? "+" : ""}${fmt(d)} |`);
}
fs.rmSync(tmp, { recursive: true, force: true });
