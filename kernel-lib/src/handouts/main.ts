#!/usr/bin/env node
// `npm run handouts`: executes the numbered notebooks and writes handouts/ (ipynb, HTML, PDF, index.html).
import { Command } from "commander";
import { cpus } from "node:os";
import { join } from "node:path";
import { findRepoRoot } from "../jupyter";
import { buildHandouts } from "./build";
import { terminalProgress } from "./progress";

const program = new Command()
  .name("handouts")
  .description("Execute every numbered notebook (notebooks/NN-*.ipynb) in a fresh tslab kernel and write handouts/")
  .option("--only <prefixes...>", "only notebooks whose name starts with these prefixes, e.g. --only 03 05")
  .option("--no-pdf", "skip the Chromium PDFs")
  .option("--solutions", "instructors' handouts with the worked solutions (cells tagged solution), in <out>/solutions/")
  .option("--jobs <n>", "notebooks executed in parallel", String(Math.min(2, cpus().length)))
  .option("--timeout <seconds>", "per-cell timeout", "300")
  .option("--out <dir>", "output folder (default <repo>/handouts)")
  .option("--notebooks <dir>", "notebooks folder (default <repo>/notebooks)");
program.parse();
const o = program.opts<{ only?: string[]; pdf: boolean; solutions?: boolean; jobs: string; timeout: string; out?: string; notebooks?: string }>();

const progress = terminalProgress();
const started = Date.now();
buildHandouts({
  only: o.only, pdf: o.pdf, jobs: Number(o.jobs), cellTimeout: Number(o.timeout),
  outDir: o.solutions ? join(o.out ?? join(findRepoRoot(), "handouts"), "solutions") : o.out,
  solutions: o.solutions ?? false, notebooksDir: o.notebooks, onEvent: progress.onEvent,
}).then((entries) => {
  progress.stop();
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const dir = o.solutions ? join(o.out ?? "handouts", "solutions") : o.out ?? "handouts";
  console.log(`handouts: ${entries.length} notebooks built in ${secs} s → ${join(dir, "index.html")}`);
}, (err: unknown) => {
  progress.stop();
  console.error(`\nhandouts: FAILED\n${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
