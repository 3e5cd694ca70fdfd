#!/usr/bin/env node
// The `rnnlab` command line: `assign` (student version of a homework), `grade` (a class's submissions, jailed, in parallel), `validate` (a student's own check) and `handouts`.
import { Command, CommanderError } from "commander";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { basename, join, resolve } from "node:path";
import { findRepoRoot } from "../jupyter/paths";
import { loadAssignment, studentNotebook } from "../grading/authoring";
import { readNotebook, stringifyNotebook } from "../grading/notebook";
import { GradeOptions, StudentGrade, checkStudentVersion, gradeAll, validateNotebook } from "../grading/grade";
import { writeGrades } from "../grading/report";
import { handoutsCommand } from "../handouts/command";
import { EXIT, EXIT_HELP } from "./exit-codes";

/** The library's version, from kernel-lib/package.json. */
export const VERSION: string = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")).version;

const EXAMPLES = `
Examples:
  rnnlab assign notebooks/homework/hw1-rnn-cell-source.ipynb --out release/   student version, checked
  rnnlab validate hw1-rnn-cell-student.ipynb                                  a student's score on the visible tests
  rnnlab grade notebooks/homework/hw1-rnn-cell-source.ipynb subs/*.ipynb --out grades/
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

interface LimitFlags { timeout: string; notebookTimeout: string; memory: string }
function limits(o: LimitFlags): GradeOptions {
  return { repoRoot: repoRoot(), cellTimeout: Number(o.timeout), notebookTimeout: Number(o.notebookTimeout), heapMB: Number(o.memory) };
}
const withLimits = (c: Command): Command => c
  .option("--timeout <seconds>", "time limit per cell", "30")
  .option("--notebook-timeout <seconds>", "time limit per notebook", "600")
  .option("--memory <MB>", "heap limit of each kernel", "1024");

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
    .option("--no-check", "skip running the source and the student version"))
    .action(async (source: string, o: LimitFlags & { out: string; check: boolean }) => {
      const a = loadAssignment(readNotebook(source));
      mkdirSync(o.out, { recursive: true });
      const file = join(o.out, studentFileName(source));
      writeFileSync(file, stringifyNotebook(studentNotebook(a)));
      console.log(`wrote ${file} (${a.cells.filter((c) => c.kind === "test").length} graded cells, ${a.totalPoints} points)`);
      if (!o.check) return;
      const problems = await checkStudentVersion(a, file, { ...limits(o), hide: [resolve(source)] });
      if (problems.length) { console.error(problems.join("\n")); process.exitCode = 1; return; }
      console.log("checked: the source passes every test; the student version fails every graded test");
    });

  withLimits(prog.command("grade <source> <submissions...>")
    .description("grade submissions, each in its own fresh jailed kernel; writes grades.csv, grades.json and feedback/<student>.html")
    .requiredOption("--out <dir>", "output directory")
    .option("--jobs <n>", "submissions graded at once", String(cpus().length)))
    .action(async (source: string, submissions: string[], o: LimitFlags & { out: string; jobs: string }) => {
      const a = loadAssignment(readNotebook(source));
      const grades = await gradeAll(a, submissions, {
        ...limits(o), parallel: Math.max(1, Number(o.jobs) || 1), hide: [resolve(source), resolve(o.out)],
        onProgress: (e) => { if (e.phase === "done") console.error(`graded ${e.student}: ${e.score}`); },
      });
      const keys = a.cells.filter((c) => c.kind === "test").map((c) => c.key);
      writeGrades(o.out, grades, keys, basename(source).replace(/\.ipynb$/i, "").replace(/-source$/, ""));
      for (const g of grades) console.log(line(g));
      console.log(`wrote ${join(o.out, "grades.csv")}, grades.json and ${grades.length} feedback page(s) in ${join(o.out, "feedback")}`);
    });

  withLimits(prog.command("validate <notebook>")
    .description("run your notebook in a fresh kernel and show your score on the visible tests"))
    .action(async (nbPath: string, o: LimitFlags) => {
      const a = loadAssignment(readNotebook(nbPath));
      const g = await validateNotebook(a, nbPath, limits(o));
      for (const c of g.cells) {
        console.log(`${c.key}: ${c.points} / ${c.maxPoints}`);
        if (c.error) console.log(`  error: ${c.error.split("\n").join("\n  ")}`);
        for (const x of c.checks) console.log(`  ${x.passed ? "✔" : "✘"} ${x.message}`);
      }
      for (const n of g.notes) console.log(`note: ${n}`);
      console.log(`score on the visible tests: ${g.total} / ${g.maxTotal}`);
    });
  prog.addCommand(handoutsCommand().copyInheritedSettings(prog));
  return prog;
}

if (require.main === module) {
  program().parseAsync(process.argv).catch((e: unknown) => {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? EXIT.ok : EXIT.usage); // help, version, usage errors
    console.error(`rnnlab: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(EXIT.failed);
  });
}
