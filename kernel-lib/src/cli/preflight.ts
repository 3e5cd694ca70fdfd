// Checks the command line makes before any kernel starts, each failing with its own exit status: a wrong option
// value (2), a missing set-up (3), a missing or unusable file or folder named on the command line (4).
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { JUPYTER_PYTHON } from "../jupyter/paths";
import { type Assignment, loadAssignment } from "../grading/authoring";
import { cellTimeoutFor } from "../grading/cell-limits";
import { manualSpecs } from "../grading/manual";
import { readNotebook } from "../grading/notebook";
import { parseShard } from "../grading/store";
import { NO_JAIL } from "../grading/grade";
import { bubblewrapAvailable } from "../grading/sandbox";
import { CliError, EXIT } from "./exit-codes";

/** `value` as a positive number (an integer when `integer`), else a usage error naming the option. */
export function positiveOption(flag: string, value: string, integer = false): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new CliError(`${flag} must be a positive ${integer ? "integer" : "number"}, got "${value}"`, EXIT.usage);
  }
  return n;
}

/** `--shard i/n` parsed, a malformed value being a usage error. */
export function shardOption(value: string | undefined): ReturnType<typeof parseShard> {
  try {
    return parseShard(value);
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e), EXIT.usage);
  }
}

/** Throws an input error unless every path is a readable file. */
export function requireFiles(paths: readonly string[], what: string): void {
  for (const p of paths) {
    if (!existsSync(p)) throw new CliError(`${what} ${p} does not exist (the working directory is ${process.cwd()})`, EXIT.input);
    if (!statSync(p).isFile()) throw new CliError(`${what} ${p} is not a file`, EXIT.input);
    try { accessSync(p, constants.R_OK); } catch { throw new CliError(`${what} ${p} cannot be read`, EXIT.input); }
  }
}

/**
 * Reads a notebook that must be an assignment (a source, or a student's copy of one): an input error when the file
 * is missing, is not notebook JSON, has malformed solution or hidden-test markers, or holds no graded cell.
 */
export function readAssignment(path: string, what: string): Assignment {
  requireFiles([path], what);
  let a: Assignment;
  try {
    a = loadAssignment(readNotebook(path));
    cellTimeoutFor(a, 30); // per-cell time limits in the metadata
    manualSpecs(a); // manually graded cells: points and rubric
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new CliError(msg.includes(path) ? `${what}: ${msg}` : `${what} ${path}: ${msg}`, EXIT.input);
  }
  if (!a.cells.some((c) => c.kind === "test") && !(a.totalPoints > 0)) {
    throw new CliError(`${what} ${path} has no graded cell (cells with nbgrader metadata and points): is it an assignment?`, EXIT.input);
  }
  return a;
}

/** Creates the output folder (and its parents); an input error when it cannot be made or written to. */
export function outputFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new CliError(`the output folder ${dir} cannot be made or written to (${e instanceof Error ? e.message : String(e)})`, EXIT.input);
  }
}

/**
 * What is missing to run grading kernels here, or null: tslab in the repository's node_modules and a python that
 * imports jupyter_client (`npm run setup` installs both; `RNNLAB_PYTHON` names another python).
 */
export function kernelSetupProblem(root: string): string | null {
  const tslab = join(root, "node_modules", "tslab", "bin", "tslab");
  if (!existsSync(tslab)) return `tslab is not installed (no ${tslab}): run 'npm run setup' in ${root}`;
  const r = spawnSync(JUPYTER_PYTHON, ["-c", "import jupyter_client"], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr.trim().split("\n").pop() ?? `exit status ${r.status}`);
    return `the python for Jupyter (${JUPYTER_PYTHON}) cannot import jupyter_client (${why}): run 'npm run setup' in ${root}, `
      + "or set RNNLAB_PYTHON to a python that has Jupyter";
  }
  return null;
}

/** Throws a set-up error when kernels cannot run here, or (`jailed`) when no bubblewrap jail can be made. */
export function requireKernelSetup(root: string, opts: { jailed: boolean }): void {
  const problem = kernelSetupProblem(root);
  if (problem) throw new CliError(problem, EXIT.setup);
  if (opts.jailed && !bubblewrapAvailable()) throw new CliError(NO_JAIL, EXIT.setup);
}
