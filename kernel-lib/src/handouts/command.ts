// The `handouts` command (`npm run handouts`, `rnnlab handouts`): options, progress, summary and exit status.
import { Command } from "commander";
import { cpus } from "node:os";
import { join, relative } from "node:path";
import { EXIT, EXIT_HELP } from "../cli/exit-codes";
import { NotebookExecutionError, findRepoRoot, kernelSpecProblem } from "../jupyter";
import { buildHandouts } from "./build";
import { formatDuration, plural, terminalProgress } from "./progress";

const EXAMPLES = `
Examples:
  npm run handouts                          every notebook: .ipynb, HTML, PDF and index.html in handouts/
  npm run handouts -- --only 03 --no-pdf    only notebook 03, without the PDF (the index keeps the others)
  npx rnnlab handouts --jobs 1 --out /tmp/h  one notebook at a time, into another folder
  npm run handouts -- --solutions           instructors' handouts with the worked solutions, in handouts/solutions/

handouts/build.json says the last build finished (status, notebooks built, failed, listed); it is absent while a
build runs or after one was interrupted. Each notebook's files are renamed into place only when all are written.`;

/** The `handouts` command, for `npm run handouts` and as a subcommand of `rnnlab`. */
export function handoutsCommand(name = "handouts"): Command {
  return new Command(name)
    .description("execute the numbered notebooks (notebooks/NN-*.ipynb, then appendices A1-*.ipynb) in fresh kernels and write handouts/: .ipynb, HTML, PDF, index.html")
    .option("--only <prefixes...>", "only notebooks whose name starts with these prefixes, e.g. --only 03 05")
    .option("--no-pdf", "skip the Chromium PDFs")
    .option("--solutions", "instructors' handouts with the worked solutions (cells tagged solution), in <out>/solutions/")
    .option("--jobs <n>", "notebooks executed in parallel", String(Math.min(2, cpus().length)))
    .option("--timeout <seconds>", "per-cell timeout", "300")
    .option("--out <dir>", "output folder (default <repo>/handouts)")
    .option("--notebooks <dir>", "notebooks folder (default <repo>/notebooks)")
    .addHelpText("after", EXAMPLES + "\n" + EXIT_HELP)
    .action(async (o: { only?: string[]; pdf: boolean; solutions?: boolean; jobs: string; timeout: string; out?: string; notebooks?: string }) => {
      const jobs = Number(o.jobs), timeout = Number(o.timeout);
      if (!Number.isInteger(jobs) || jobs < 1) return usage(`--jobs must be a positive integer, got ${o.jobs}`);
      if (!(timeout > 0)) return usage(`--timeout must be a positive number of seconds, got ${o.timeout}`);
      const root = findRepoRoot();
      const problem = kernelSpecProblem(root);
      if (problem && kernelSpecProblem(root, { user: true })) {
        console.error(`handouts: ${problem}`);
        process.exitCode = EXIT.setup;
        return;
      }
      const progress = terminalProgress();
      const started = Date.now();
      try {
        const out = o.out ?? join(root, "handouts");
        const outDir = o.solutions ? join(out, "solutions") : out;
        const entries = await buildHandouts({
          only: o.only, pdf: o.pdf, jobs, cellTimeout: timeout, outDir, solutions: o.solutions ?? false,
          notebooksDir: o.notebooks, onEvent: progress.onEvent,
        });
        progress.stop();
        console.log(`handouts: ${plural(entries.length, "notebook")} built in ${formatDuration(Date.now() - started)} → ${relative(process.cwd(), join(outDir, "index.html"))}`);
      } catch (err) {
        progress.stop();
        const msg = err instanceof Error ? err.message : String(err);
        console.error(`\nhandouts: FAILED\n${msg}`);
        process.exitCode = err instanceof NotebookExecutionError ? EXIT.failed : /no kernel named|No such kernel|kernelspec/i.test(msg) ? EXIT.setup : EXIT.failed;
      }
    });
}

function usage(message: string): void {
  console.error(`handouts: ${message}`);
  process.exitCode = EXIT.usage;
}
