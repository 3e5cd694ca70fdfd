// Where the Jupyter pieces live: Debian's python, the repository root and its project-local JUPYTER_PATH.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The python that has nbclient and nbconvert: `$RNNLAB_PYTHON` if set, else the one `npm run setup` found and
 * recorded in `.jupyter/python` (Debian's `/usr/bin/python3`, or a conda environment's), else `/usr/bin/python3`
 * (another `python3` first on PATH may lack the packages), else `python3`.
 */
export const JUPYTER_PYTHON = process.env.RNNLAB_PYTHON || recordedPython() || (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");

function recordedPython(): string | undefined {
  try {
    const p = readFileSync(join(findRepoRoot(), ".jupyter", "python"), "utf8").trim();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined; // not set up yet, or the package runs outside the workspace
  }
}

/**
 * The repository root: the nearest directory at or above `from` whose package.json declares `workspaces`.
 * @param from start directory (default: this file's directory)
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, "utf8")).workspaces) return dir;
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`findRepoRoot: no package.json with "workspaces" at or above ${from}`);
    dir = up;
  }
}

/**
 * The JUPYTER_PATH holding the tslab kernelspec written by `npm run setup` (`<root>/.jupyter/share/jupyter`).
 * An explicit `JUPYTER_PATH` in the environment is kept in front of it.
 */
export function projectJupyterPath(root: string = findRepoRoot()): string {
  const local = join(root, ".jupyter", "share", "jupyter");
  const extra = process.env.JUPYTER_PATH;
  return extra ? `${extra}:${local}` : local;
}

/** The environment for a Jupyter subprocess: the project JUPYTER_PATH, unbuffered python output. */
export function jupyterEnv(root: string = findRepoRoot()): NodeJS.ProcessEnv {
  return { ...process.env, JUPYTER_PATH: projectJupyterPath(root), PYTHONUNBUFFERED: "1" };
}
