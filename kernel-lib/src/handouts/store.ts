// The handouts folder as a store: files staged under a temporary name and renamed into place, one marker per complete
// notebook (with the hashes of its files), a build marker, and the index page made from every complete notebook.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderHandoutIndex, type HandoutEntry } from "./index-page";

/** `<name>.built.json`: written last, after the notebook's files are renamed into place; lists their SHA-256. */
export const MARKER_SUFFIX = ".built.json";
/** `build.json`: removed when a build starts, written when it ends (`status` "complete" or "failed"). */
export const BUILD_MARKER = "build.json";
const STAGING_PREFIX = ".staging-";

interface Marker extends HandoutEntry {
  files: Record<string, string>;
}

const sha256 = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Writes `data` to `file` through a temporary name in the same folder and a rename (readers see old or new, never half). */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** A fresh staging folder inside `outDir` (same file system, so the final renames are atomic). */
export function stagingDir(outDir: string, name: string): string {
  const dir = join(outDir, `${STAGING_PREFIX}${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Removes staging folders left by builds that were killed (their process no longer runs). */
export function removeStaleStaging(outDir: string): void {
  if (!existsSync(outDir)) return;
  for (const n of readdirSync(outDir)) {
    const m = new RegExp(`^${STAGING_PREFIX.replace(".", "\\.")}.*-(\\d+)$`).exec(n);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = pid !== process.pid;
    try { if (alive) process.kill(pid, 0); } catch { alive = false; }
    if (!alive) rmSync(join(outDir, n), { recursive: true, force: true });
  }
}

/**
 * Moves a notebook's staged files (`<name>.ipynb`, `.html`, and `.pdf` when `entry.pdf`) into `outDir`: the old marker
 * goes first (from then on the notebook is not listed), each file is renamed into place, the new marker comes last.
 * A PDF left from an earlier build is removed when this build made none; the staging folder is removed at the end.
 */
export function commitHandout(outDir: string, staged: string, entry: HandoutEntry): void {
  const files = [`${entry.name}.ipynb`, `${entry.name}.html`, ...(entry.pdf ? [`${entry.name}.pdf`] : [])];
  for (const f of files) {
    if (!existsSync(join(staged, f))) throw new Error(`commitHandout: ${f} was not written in ${staged}`);
  }
  rmSync(join(outDir, entry.name + MARKER_SUFFIX), { force: true });
  if (!entry.pdf) rmSync(join(outDir, `${entry.name}.pdf`), { force: true });
  const hashes: Record<string, string> = {};
  for (const f of files) {
    renameSync(join(staged, f), join(outDir, f));
    hashes[f] = sha256(join(outDir, f));
  }
  const marker: Marker = { ...entry, files: hashes };
  writeFileAtomic(join(outDir, entry.name + MARKER_SUFFIX), JSON.stringify(marker, null, 1) + "\n");
  rmSync(staged, { recursive: true, force: true });
}

/**
 * Every complete notebook in `outDir`, sorted by name: a marker whose files all exist with the hashes it lists
 * (a build killed half-way, or a file changed since, leaves the notebook out).
 */
export function completeHandouts(outDir: string): HandoutEntry[] {
  if (!existsSync(outDir)) return [];
  const out: HandoutEntry[] = [];
  for (const n of readdirSync(outDir).filter((f) => f.endsWith(MARKER_SUFFIX)).sort()) {
    let m: Marker;
    try {
      m = JSON.parse(readFileSync(join(outDir, n), "utf8")) as Marker;
    } catch {
      continue;
    }
    const ok = Object.entries(m.files ?? {}).every(([f, h]) => existsSync(join(outDir, f)) && sha256(join(outDir, f)) === h);
    if (ok && m.files?.[`${m.name}.ipynb`]) out.push({ name: m.name, title: m.title, ms: m.ms, codeCells: m.codeCells, pdf: m.pdf });
  }
  return out;
}

/** Rewrites `index.html` (atomically) from every complete notebook in `outDir`; returns the entries it lists. */
export function writeIndex(outDir: string): HandoutEntry[] {
  const entries = completeHandouts(outDir);
  writeFileAtomic(join(outDir, "index.html"), renderHandoutIndex(entries));
  return entries;
}

/** What `build.json` records about the last build. */
export interface BuildRecord {
  status: "complete" | "failed";
  finished: string;
  /** Notebooks this build made. */
  built: string[];
  failed: { name: string; message: string }[];
  /** Notebooks the index lists (this build's and earlier complete ones). */
  listed: string[];
}

/** Removes `build.json` (a build is under way, or was interrupted). */
export function clearBuildMarker(outDir: string): void {
  rmSync(join(outDir, BUILD_MARKER), { force: true });
}

/** Writes `build.json` (atomically) at the end of a build. */
export function writeBuildMarker(outDir: string, rec: BuildRecord): void {
  writeFileAtomic(join(outDir, BUILD_MARKER), JSON.stringify(rec, null, 1) + "\n");
}

/** The last build's record, or null when none finished (never built, under way, or killed). */
export function readBuildMarker(outDir: string): BuildRecord | null {
  try {
    return JSON.parse(readFileSync(join(outDir, BUILD_MARKER), "utf8")) as BuildRecord;
  } catch {
    return null;
  }
}
