#!/usr/bin/env node
// The `rnnlab` command line: `assign` (student version of a homework), `grade` (a class's submissions, jailed, in parallel), `validate` (a student's own check) and `handouts`.
import { Command, CommanderError } from "commander";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { basename, join } from "node:path";
import { findRepoRoot } from "../jupyter/paths";
import { studentNotebook } from "../grading/authoring";
import { stringifyNotebook } from "../grading/notebook";
import { GradeOptions, ProgressEvent, SourceFailsItsTests, StudentGrade, checkStudentVersion, gradeAll, validateNotebook } from "../grading/grade";
import { writeGrades } from "../grading/report";
import { readResults } from "../grading/store";
import { CellRun } from "../grading/driver";
import { handoutsCommand } from "../handouts/command";
import { cellTimeoutFor } from "../grading/cell-limits";
import { applyManualGrading, MANUAL_REVIEW } from "../grading/manual-report";
import { manualSpecs } from "../grading/manual";
import { writeSolutionsHandout } from "./solutions";
import { CliError, EXIT, EXIT_HELP, exitCodeOf } from "./exit-codes";
import { outputFolder, positiveOption, readAssignment, requireFiles, requireKernelSetup, shardOption } from "./preflight";

/** The library's version, from kernel-lib/package.json. */
export const VERSION: string = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")).version;

const EXAMPLES = `
Examples:
  rnnlab assign notebooks/homework/hw1-rnn-cell-source.ipynb --out release/   student version, checked
  rnnlab validate hw1-rnn-cell-student.ipynb                                  a student's score on the visible tests
  rnnlab grade notebooks/homework/hw1-rnn-cell-source.ipynb subs/*.ipynb --out grades/
  rnnlab grade notebooks/homework/hw1-rnn-cell-source.ipynb subs/*.ipynb --out part1/ --shard 1/4
  rnnlab grade merge part1/ part2/ part3/ part4/ --out grades/                merged shards
  rnnlab handouts --only 03 --no-pdf                                          one notebook's handout
  rnnlab help grade                                                           a command's options`;

/** The student version's file name: `hw1-source.ipynb` → `hw1-student.ipynb`, else `<name>-student.ipynb`. */
export function studentFileName(source: string): string {
  const b = basename(source).replace(/\.ipynb$/i, "");
  return (/-source$/.test(b) ? b.replace(/-source$/, "-student") : `${b}-student`) + ".ipynb";
}

function repoRoot(): string {
  try { return findRepoRoot(process.cwd()); } catch { return findRepoRoot(__dirname); }
}

interface LimitFlags { timeout: string; notebookTimeout: string; memory: string; addressSpace?: string; sandbox?: boolean }
/** The limits of the command line, each checked (a wrong value is a usage error). */
function limits(o: LimitFlags): GradeOptions {
  return {
    repoRoot: repoRoot(), cellTimeout: positiveOption("--timeout", o.timeout), notebookTimeout: positiveOption("--notebook-timeout", o.notebookTimeout),
    heapMB: positiveOption("--memory", o.memory), addressSpaceMB: o.addressSpace !== undefined ? positiveOption("--address-space", o.addressSpace) : undefined,
    noSandbox: o.sandbox === false,
  };
}

/** Runs a command's work; an error its source fails its own tests is the work failing (exit 1), not a bug. */
async function work<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof SourceFailsItsTests) throw new CliError(e.message, EXIT.failed);
    throw e;
  }
}
const withLimits = (c: Command): Command => c
  .option("--timeout <seconds>", "time limit per cell", "30")
  .option("--notebook-timeout <seconds>", "time limit per notebook", "600")
  .option("--memory <MB>", "JavaScript heap limit of each kernel", "1024")
  .option("--address-space <MB>", "address-space limit of each kernel (all its memory, default max(3072, heap + 2048))")
  .option("--no-sandbox", "run kernels without the bubblewrap jail (every report says so)");

/** "1h 02m", "3m 05s", "12s". */
export function fmtDuration(s: number): string {
  const t = Math.max(0, Math.round(s)), h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), sec = t % 60;
  return h ? `${h}h ${String(m).padStart(2, "0")}m` : m ? `${m}m ${String(sec).padStart(2, "0")}s` : `${sec}s`;
}

/** Progress lines on stderr: `[k/n] student: score (s; about T left)`, the estimate from the wall time per graded submission so far. */
function progressPrinter(): (e: ProgressEvent) => void {
  const t0 = Date.now();
  let t1 = 0, graded = 0;
  return (e) => {
    if (e.phase === "start") { t1 ||= Date.now(); return; } // the clock of the estimate starts after the reference run
    if (e.phase === "resumed") { console.error(`[${e.done}/${e.total}] ${e.student}: ${e.score} (kept from an earlier run)`); return; }
    graded++;
    const left = (e.total - e.done) * (Date.now() - t1) / 1000 / graded;
    console.error(`[${e.done}/${e.total}] ${e.student}: ${e.score} (${e.seconds?.toFixed(1)} s; ${e.done < e.total ? `about ${fmtDuration(left)} left` : `done in ${fmtDuration((Date.now() - t0) / 1000)}`})`);
  };
}

const line = (g: StudentGrade): string => `${g.student}: ${g.total} / ${g.maxTotal}  (${g.cells.map((c) => `${c.key} ${c.points}/${c.maxPoints}`).join(", ")})`;

/** Builds the command-line program (exported for tests). */
export function program(): Command {
  const prog = new Command("rnnlab")
    .description("rnnlab's tools: homework (assign, validate, grade) and handouts")
    .version(VERSION, "-V, --version", "print the version")
    .showHelpAfterError()
    .addHelpText("after", EXAMPLES + "\n" + EXIT_HELP)
    .exitOverride(); // throws a CommanderError instead of exiting: the caller maps it to an exit status

  withLimits(prog.command("assign <source>")
    .description("write the student version of a source notebook (solutions stubbed, hidden tests removed, outputs cleared) and check it")
    .requiredOption("--out <dir>", "output directory")
    .option("--no-check", "skip running the source and the student version")
    .option("--solutions <dir>", "also write the instructor's solutions handout (the source executed: .ipynb, HTML, PDF) into <dir>")
    .option("--no-solutions-pdf", "with --solutions, skip the PDF"))
    .action(async (source: string, o: LimitFlags & { out: string; check: boolean; solutions?: string; solutionsPdf: boolean }) => {
      const a = readAssignment(source, "the source notebook");
      const lim = limits(o);
      if (o.check) requireKernelSetup(repoRoot(), { jailed: false }); // the check runs the instructor's own source
      outputFolder(o.out);
      const file = join(o.out, studentFileName(source));
      writeFileSync(file, stringifyNotebook(studentNotebook(a)));
      const manual = manualSpecs(a);
      console.log(`wrote ${file} (${a.cells.filter((c) => c.kind === "test").length} graded cells, ${a.totalPoints} points`
        + `${manual.length ? `; ${manual.length} answer(s) graded by the instructor, ${manual.reduce((t, m) => t + m.points, 0)} points` : ""})`);
      if (o.check) {
        const problems = await work(() => checkStudentVersion(a, file, { ...lim, cellTimeout: cellTimeoutFor(a, lim.cellTimeout!) }));
        if (problems.length) { console.error(problems.join("\n")); process.exitCode = EXIT.failed; return; }
        console.log("checked: the source passes every test; the student version fails every graded test");
      }
      if (o.solutions) {
        const files = await writeSolutionsHandout(source, o.solutions, { pdf: o.solutionsPdf });
        console.log(`wrote the solutions handout: ${files.join(", ")}`);
      }
    });

  withLimits(prog.command("grade <source> <submissions...>")
    .description("grade submissions, each in two fresh jailed kernels (its code, the tests); writes grades.csv, grades.json and feedback/<student>.html "
      + "(each result is kept in <out>/results/ as soon as it is known: a second run resumes). `grade merge DIR… --out D` combines shards")
    .requiredOption("--out <dir>", "output directory")
    .option("--jobs <n>", "submissions graded at once (each uses two kernels)", String(cpus().length))
    .option("--shard <i/n>", "grade only share i of n (submissions sorted by name, every n-th from the i-th)")
    .option("--manual <csv>", "the instructor's points for manually graded answers (default <out>/manual-grades.csv when it exists; without points an answer is pending)"))
    .action(async (source: string, submissions: string[], o: LimitFlags & { out: string; jobs: string; shard?: string; manual?: string }) => {
      if (source === "merge") {
        for (const d of submissions) if (!existsSync(d)) throw new CliError(`grade merge: ${d} does not exist`, EXIT.input);
        let results: ReturnType<typeof readResults>;
        try { results = readResults(submissions); } catch (e) { throw new CliError(e instanceof Error ? e.message : String(e), EXIT.input); }
        if (!results.length) throw new CliError("grade merge: no results found", EXIT.input);
        const info = results[0]!.assignment;
        writeGrades(o.out, results.map((r) => r.grade), info.keys, info.title);
        console.log(`merged ${results.length} result(s) from ${submissions.length} folder(s) into ${join(o.out, "grades.csv")}, grades.json and feedback/`);
        return;
      }
      const a = readAssignment(source, "the source notebook");
      requireFiles(submissions, "the submission");
      if (o.manual !== undefined) requireFiles([o.manual], "the manual grades file");
      const lim = limits(o);
      const jobs = positiveOption("--jobs", o.jobs, true), shard = shardOption(o.shard);
      requireKernelSetup(repoRoot(), { jailed: !lim.noSandbox });
      outputFolder(o.out);
      const title = basename(source).replace(/\.ipynb$/i, "").replace(/-source$/, "");
      const opts = { ...lim, cellTimeout: cellTimeoutFor(a, lim.cellTimeout!) };
      if (opts.noSandbox) console.error("rnnlab grade: --no-sandbox: submissions run WITHOUT the jail; every result is marked \"sandbox off\"");
      const graded = await work(() => gradeAll(a, submissions, {
        ...opts, parallel: jobs, outDir: o.out, shard, sourceFile: source, title, onProgress: progressPrinter(),
      }));
      // manually graded answers: pending, or the instructor's points folded in (writes manual-grades.csv once and manual-review.html)
      const manual = applyManualGrading(a, graded, { outDir: o.out, title, csv: o.manual });
      const grades = manual.grades;
      const keys = [...a.cells.filter((c) => c.kind === "test").map((c) => c.key), ...manual.keys];
      writeGrades(o.out, grades, keys, title);
      if (manual.keys.length) console.log(`manual answers: ${manual.csvPath ? `points read from ${manual.csvPath}` : "pending"}; review them in ${join(o.out, MANUAL_REVIEW)}`);
      for (const g of grades) console.log(line(g));
      console.log(`wrote ${join(o.out, "grades.csv")}, grades.json and ${grades.length} feedback page(s) in ${join(o.out, "feedback")}`);
    });

  withLimits(prog.command("validate <notebook>")
    .description("run your notebook in a fresh kernel and show your score on the visible tests (exit code 1 when a test fails)"))
    .action(async (nbPath: string, o: LimitFlags) => {
      const a = readAssignment(nbPath, "the notebook");
      const lim = limits(o);
      requireKernelSetup(repoRoot(), { jailed: false }); // validate runs jailed when a jail works here, else not
      const steps = a.cells.filter((c) => c.kind !== "markdown").length;
      let k = 0;
      const g = await validateNotebook(a, nbPath, {
        ...lim, cellTimeout: cellTimeoutFor(a, lim.cellTimeout!),
        onCell: (r: CellRun) => { if (!r.key.startsWith("__")) console.error(`[${++k}/${steps}] ${r.key.split("#")[0]}: ${r.status} (${r.seconds.toFixed(1)} s)`); },
      });
      for (const c of g.cells) {
        console.log(`${c.key}: ${c.points} / ${c.maxPoints}`);
        if (c.error) console.log(`  error: ${c.error.split("\n").join("\n  ")}`);
        for (const x of c.checks) console.log(`  ${x.passed ? "✔" : "✘"} ${x.message}`);
      }
      for (const n of g.notes) console.log(`note: ${n}`);
      for (const m of manualSpecs(a)) console.log(`note: the answer "${m.key}" (${m.points} points) is graded by the instructor, not here`);
      console.log(`score on the visible tests: ${g.total} / ${g.maxTotal}`);
      if (g.cells.some((c) => c.error || c.checks.some((x) => !x.passed))) process.exitCode = EXIT.failed;
    });
  prog.addCommand(handoutsCommand().copyInheritedSettings(prog));
  return prog;
}

/**
 * The exit status for an error that ended a command, after reporting it: commander's (help, version: 0; usage: 2,
 * already printed), a {@link CliError}'s own status with its message, else 5 with the stack (a bug in rnnlab).
 */
export function reportError(e: unknown, log: (text: string) => void = console.error): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  const code = exitCodeOf(e);
  if (code === EXIT.internal) log(`rnnlab: internal error (a bug in rnnlab; please report it with the command line):\n${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  else log(`rnnlab: ${e instanceof Error ? e.message : String(e)}`);
  return code;
}

if (require.main === module) {
  // a reader that stops early (`rnnlab --help | head`) closes the pipe: end quietly, as other command-line tools do
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(EXIT.ok);
    throw e;
  });
  program().parseAsync(process.argv).catch((e: unknown) => process.exit(reportError(e)));
}
