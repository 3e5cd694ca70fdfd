// The speed tables of docs/speed.md, rendered from stored `npm run bench -- --json` runs (docs/bench/*.json), so a figure
// on the page is one a run wrote; test/speed-tables.test.ts re-renders them and compares.
//   node --import tsx bench/side-by-side.ts docs/bench/avx2.json docs/bench/avx512f.json
import * as fs from "node:fs";
import type { Timing } from "./timing";

/** What `bench.ts --json` writes (the part read here). */
export interface BenchFigures {
  date: string;
  machine: string;
  kernels: string;
  torch: string;
  timing: { clock?: string; reps: number };
  workloads: { id: string; note: string }[];
  results: Record<string, Record<string, Timing | undefined>>;
}

const num = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toPrecision(3));
const rate = (t?: Timing): string => (t?.stepsPerSec !== undefined ? num(t.stepsPerSec) : "—");
const ratio = (a?: Timing, b?: Timing): string =>
  a?.stepsPerSec === undefined || b?.stepsPerSec === undefined ? "—" : `${(a.stepsPerSec / b.stepsPerSec).toPrecision(3)}×`;

/** The run's vectors: the ISA named in its `kernels` field ("native kernels (avx2)"), or WebAssembly. */
export function runLabel(f: BenchFigures): string {
  const m = /native kernels \(([^)]+)\)/.exec(f.kernels);
  return m === null ? "WebAssembly only" : m[1] === "avx512f" ? "AVX-512" : m[1] === "avx2" ? "AVX2" : m[1];
}

/**
 * One markdown table with the runs side by side: per run, rnnlab (float64), rnnlab f32, PyTorch (float32) in steps/s and
 * the two ratios to PyTorch, for the workloads of the first run; then one line per run naming its CPU, ISA, date and clock.
 */
export function renderRuns(runs: readonly BenchFigures[]): string {
  const head = ["work", ...runs.flatMap((r) => {
    const l = runLabel(r);
    return [`${l}: rnnlab`, `${l}: rnnlab f32`, `${l}: PyTorch`, `${l}: rnnlab / PyTorch`, `${l}: rnnlab f32 / PyTorch`];
  })];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const w of runs[0].workloads) {
    const cells = runs.flatMap((r) => {
      const x = r.results[w.id] ?? {};
      return [rate(x.rnnlab), rate(x["rnnlab-f32"]), rate(x.torch), ratio(x.rnnlab, x.torch), ratio(x["rnnlab-f32"], x.torch)];
    });
    lines.push(`| ${w.id} ${w.note.replace(/\s+/g, " ")} | ${cells.join(" | ")} |`);
  }
  lines.push("");
  for (const r of runs) {
    lines.push(`- ${runLabel(r)}: ${r.machine.replace(/ \(timings need an idle machine\)/, "")}; ${r.kernels}; ${r.torch}; ` +
      `${r.date.slice(0, 16).replace("T", " ")} UTC; median of ${r.timing.reps}, ${r.timing.clock === "cpu" ? "CPU" : "wall"} time.`);
  }
  return lines.join("\n");
}

/** The stored runs a `<!-- bench-table: a.json b.json -->` marker names, read from `root`. */
export function readRuns(root: string, files: readonly string[]): BenchFigures[] {
  return files.map((f) => JSON.parse(fs.readFileSync(`${root}/${f}`, "utf8")) as BenchFigures);
}

if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error("usage: bench/side-by-side.ts run.json [run.json …]");
  console.log(renderRuns(readRuns(".", files)));
}
