// The speed tables of docs/speed.md, rendered from stored `npm run bench -- --json` runs (docs/bench/*.json), so a figure
// on the page is one a run wrote; test/speed-tables.test.ts re-renders them and compares.
//   node --import tsx bench/side-by-side.ts docs/bench/avx2.json docs/bench/avx512f.json   (print the tables)
//   node --import tsx bench/side-by-side.ts --update docs/speed.md                        (re-render the page's tables)
import * as fs from "node:fs";
import { fmtRate as rate, fmtRatio as ratio, type Timing } from "./timing";
import type { GemmRates } from "./gemm-check";

/** What `bench.ts --json` writes (the part read here). */
export interface BenchFigures {
  date: string;
  machine: string;
  kernels: string;
  torch: string;
  timing: { clock?: string; reps: number };
  workloads: { id: string; note: string }[];
  results: Record<string, Record<string, Timing | undefined>>;
  /** GFLOP/s of W3's gate product per rnnlab peer, and PyTorch's sgemm (`torch`) */
  gemmGflops?: Record<string, number | undefined>;
  /** every product native against WebAssembly (bench/gemm-check.ts) */
  gemmCheck?: GemmRates[];
}

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

/**
 * The runs' per-product table: native and WebAssembly GFLOP/s of each product (bench/gemm-check.ts) per run, with
 * "native loses" where native ran under 95 % of WebAssembly (what the bench reports loudly), and "not native" where gemm
 * keeps the product off the add-on (too small: both columns then time the same JS or WebAssembly loop).
 */
export function renderGemmCheck(runs: readonly BenchFigures[]): string {
  const head = ["product", ...runs.flatMap((r) => [`${runLabel(r)}: native`, `${runLabel(r)}: WebAssembly`])];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const [q, c] of (runs[0].gemmCheck ?? []).entries()) {
    const cells = runs.flatMap((r) => {
      const x = r.gemmCheck?.[q];
      if (x === undefined) return ["—", "—"];
      const lose = x.loses ? " (native loses)" : "";
      if (!x.nativeSized) return [`${x.native === undefined ? "—" : x.native.toFixed(1)} (not native)`, x.wasm.toFixed(1)];
      return [x.native === undefined ? "—" : `${x.native.toFixed(1)}${lose}`, x.wasm.toFixed(1)];
    });
    lines.push(`| ${c.precision} ${c.name.replace(/\s+/g, " ")} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** The speed goals: a ratio of steps/s (or of GFLOP/s) to PyTorch's float32 on one thread that a run should reach. */
export const SPEED_GOALS: readonly { goal: string; work: string; peer: string; min: number; gemm?: boolean }[] = [
  { goal: "float32 W1 ≥ 1.5× PyTorch", work: "W1", peer: "rnnlab-f32", min: 1.5 },
  { goal: "float32 W2 ≥ 1.5× PyTorch", work: "W2", peer: "rnnlab-f32", min: 1.5 },
  { goal: "float32 W2b ≥ 1.5× PyTorch", work: "W2b", peer: "rnnlab-f32", min: 1.5 },
  { goal: "float32 W3 ≥ 1.0× PyTorch", work: "W3", peer: "rnnlab-f32", min: 1.0 },
  { goal: "float32 W3's product ≥ 60 % of PyTorch's sgemm (GFLOP/s)", work: "W3", peer: "rnnlab-f32", min: 0.6, gemm: true },
  { goal: "float32 W4 ≥ 50× PyTorch", work: "W4", peer: "rnnlab-f32", min: 50 },
  { goal: "float64 W1 ≥ 1.0× PyTorch (float32)", work: "W1", peer: "rnnlab", min: 1.0 },
  { goal: "float64 W2 ≥ 1.0× PyTorch (float32)", work: "W2", peer: "rnnlab", min: 1.0 },
  { goal: "float64 W2b ≥ 1.0× PyTorch (float32)", work: "W2b", peer: "rnnlab", min: 1.0 },
];

/** A goal's ratio in one run, or undefined when the run lacks a figure. */
function goalRatio(r: BenchFigures, g: (typeof SPEED_GOALS)[number]): number | undefined {
  if (g.gemm) {
    const a = r.gemmGflops?.[g.peer], b = r.gemmGflops?.torch;
    return a !== undefined && b !== undefined ? a / b : undefined;
  }
  const a = r.results[g.work]?.[g.peer]?.stepsPerSec, b = r.results[g.work]?.torch?.stepsPerSec;
  return a !== undefined && b !== undefined ? a / b : undefined;
}

/**
 * The goals table: each goal's ratio in the AVX2 and AVX-512 runs, met or not on AVX2 (the goals are for the CPUs students
 * have); then the WebAssembly-only goal (W1 float32 ≥ 1.0× PyTorch) from the run without the add-on.
 */
export function renderGoals(avx2: BenchFigures, avx512: BenchFigures, wasm: BenchFigures): string {
  const fmt = (v: number | undefined, gemm?: boolean): string => (v === undefined ? "—" : gemm ? `${(100 * v).toFixed(0)} %` : `${v.toPrecision(3)}×`);
  const lines = ["| goal | AVX2 | AVX-512 | met on AVX2 |", "|---|---|---|---|"];
  for (const g of SPEED_GOALS) {
    const a = goalRatio(avx2, g);
    lines.push(`| ${g.goal} | ${fmt(a, g.gemm)} | ${fmt(goalRatio(avx512, g), g.gemm)} | ${a === undefined ? "—" : a >= g.min ? "yes" : "no"} |`);
  }
  const w = goalRatio(wasm, { goal: "", work: "W1", peer: "rnnlab-f32", min: 1 });
  lines.push(`| WebAssembly only: float32 W1 ≥ 1.0× PyTorch | ${fmt(w)} (no add-on) | | ${w === undefined ? "—" : w >= 1 ? "yes" : "no"} |`);
  return lines.join("\n");
}

/** The stored runs a marker names, read from `root`. */
export function readRuns(root: string, files: readonly string[]): BenchFigures[] {
  return files.map((f) => JSON.parse(fs.readFileSync(`${root}/${f}`, "utf8")) as BenchFigures);
}

/**
 * `page` with every marked block re-rendered from the runs it names: `<!-- bench-table: a.json … -->` (renderRuns),
 * `<!-- bench-gemm: … -->` (renderGemmCheck), `<!-- bench-goals: avx2.json avx512f.json webassembly.json -->` (renderGoals),
 * each closed by `<!-- /bench-table -->`, `<!-- /bench-gemm -->`, `<!-- /bench-goals -->`.
 */
export function renderPage(page: string, root: string): string {
  return page.replace(/<!-- bench-(table|gemm|goals): ([^>]+?) -->\n[\s\S]*?\n<!-- \/bench-\1 -->/g, (_m, kind: string, files: string) => {
    const runs = readRuns(root, files.trim().split(/\s+/));
    const body = kind === "table" ? renderRuns(runs) : kind === "gemm" ? renderGemmCheck(runs) : renderGoals(runs[0], runs[1], runs[2]);
    return `<!-- bench-${kind}: ${files} -->\n${body}\n<!-- /bench-${kind} -->`;
  });
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === "--update" && args[1] !== undefined) {
    fs.writeFileSync(args[1], renderPage(fs.readFileSync(args[1], "utf8"), "."));
  } else if (args.length > 0) {
    const runs = readRuns(".", args);
    console.log(`${renderRuns(runs)}\n\n${renderGemmCheck(runs)}`);
  } else {
    throw new Error("usage: bench/side-by-side.ts run.json [run.json …] | --update docs/speed.md");
  }
}
