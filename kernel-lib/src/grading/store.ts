// Results on disk: one file per student written atomically as soon as it is known (resume, shards), and the merge of several result dirs.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StudentGrade } from "./grade-types";

/** What the outputs need to know of the assignment. */
export interface AssignmentInfo { title: string; keys: string[]; totalPoints: number }

/** One student's stored result: the grade and what it was computed from. */
export interface StoredResult { assignment: AssignmentInfo; sourceHash: string; submissionHash: string; seconds: number; grade: StudentGrade }

/** sha256 of a file's bytes (hex, 16 chars). */
export const fileHash = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 16);

/** A student name as a file name. */
export const safeName = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, "_");

/** Writes `text` to `path` through a temp file and a rename (readers see the old file or the new one, never half). */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** `<out>/results/<student>.json`. */
export const resultPath = (outDir: string, student: string): string => join(outDir, "results", `${safeName(student)}.json`);

/** Stores one result atomically. */
export function storeResult(outDir: string, r: StoredResult): void {
  mkdirSync(join(outDir, "results"), { recursive: true });
  writeAtomic(resultPath(outDir, r.grade.student), JSON.stringify(r, null, 1) + "\n");
}

/** The stored result of `student` if it was computed from the same source and submission bytes. */
export function storedResult(outDir: string, student: string, sourceHash: string, submissionHash: string): StoredResult | undefined {
  const p = resultPath(outDir, student);
  if (!existsSync(p)) return undefined;
  try {
    const r = JSON.parse(readFileSync(p, "utf8")) as StoredResult;
    return r.sourceHash === sourceHash && r.submissionHash === submissionHash ? r : undefined;
  } catch { return undefined; }
}

/** Every stored result of the given output dirs (a student found twice must have the same grade source). */
export function readResults(dirs: string[]): StoredResult[] {
  const byStudent = new Map<string, StoredResult>();
  for (const d of dirs) {
    const rd = join(d, "results");
    if (!existsSync(rd)) throw new Error(`grade merge: ${d} has no results/ folder`);
    for (const f of readdirSync(rd).filter((x) => x.endsWith(".json")).sort()) {
      const r = JSON.parse(readFileSync(join(rd, f), "utf8")) as StoredResult;
      const seen = byStudent.get(r.grade.student);
      if (seen && seen.sourceHash !== r.sourceHash) throw new Error(`grade merge: ${r.grade.student} was graded against two different source notebooks`);
      byStudent.set(r.grade.student, r);
    }
  }
  const all = [...byStudent.values()];
  const sources = new Set(all.map((r) => r.sourceHash));
  if (sources.size > 1) throw new Error(`grade merge: the results come from ${sources.size} different source notebooks`);
  return all.sort((a, b) => (a.grade.student < b.grade.student ? -1 : a.grade.student > b.grade.student ? 1 : 0));
}

/** Parses `--shard i/n` (1 ≤ i ≤ n). */
export function parseShard(s: string | undefined): { index: number; count: number } | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  const i = m ? Number(m[1]) : NaN, n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1) || !(i >= 1 && i <= n)) throw new Error(`--shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${s}"`);
  return { index: i, count: n };
}
