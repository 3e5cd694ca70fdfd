// Shared helpers of the data generators: seeded picks, TSV writing, seeded splits and small statistics.
import { Rng } from "../../kernel-lib/src/tensor/random";

/** One element of `xs`, drawn uniformly with `rng`. */
export function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(xs.length)];
}

/** True with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
  return rng.uniform() < p;
}

/** Upper-cases the first letter of a sentence. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A TSV file (header line, one line per row, LF endings, trailing newline); refuses tabs or newlines inside cells. */
export function toTsv(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  const lines = [columns.join("\t")];
  for (const r of rows) {
    const cells = columns.map((c) => {
      const v = r[c];
      if (v === undefined) throw new Error(`toTsv: row ${JSON.stringify(r)} has no column ${c}`);
      if (/[\t\n\r]/.test(v)) throw new Error(`toTsv: cell ${JSON.stringify(v)} holds a tab or newline`);
      return v;
    });
    lines.push(cells.join("\t"));
  }
  return lines.join("\n") + "\n";
}

export type SplitName = "train" | "valid" | "test";

/**
 * Seeded 80/10/10 split (fractions configurable) of `rows`, stratified by `key` (e.g. language and label) so every split
 * keeps the balance; each split keeps generation order (by id).
 */
export function splitRows<T>(rows: readonly T[], rng: Rng, key: (r: T) => string = () => "", fractions = { train: 0.8, valid: 0.1 }): Record<SplitName, T[]> {
  const strata = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const k = key(r);
    if (!strata.has(k)) strata.set(k, []);
    strata.get(k)!.push(i);
  });
  const out: Record<SplitName, number[]> = { train: [], valid: [], test: [] };
  for (const idx of strata.values()) {
    const perm = rng.shuffle([...idx]);
    const nTrain = Math.round(idx.length * fractions.train);
    const nValid = Math.round(idx.length * fractions.valid);
    out.train.push(...perm.slice(0, nTrain));
    out.valid.push(...perm.slice(nTrain, nTrain + nValid));
    out.test.push(...perm.slice(nTrain + nValid));
  }
  const rowsOf = (is: number[]) => is.sort((x, y) => x - y).map((i) => rows[i]);
  return { train: rowsOf(out.train), valid: rowsOf(out.valid), test: rowsOf(out.test) };
}

/** Whitespace-and-punctuation word count (the length statistics of the READMEs). */
export function wordCount(s: string): number {
  return s.split(/[\s.,!?;:]+/).filter((w) => w.length > 0).length;
}

/** min / mean / median / max of a list of numbers, as a Markdown-friendly string. */
export function lengthStats(xs: readonly number[]): { min: number; mean: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { min: s[0], mean: Math.round(mean * 10) / 10, median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

/** Calls `make(i)` (i = rows so far) until `count` rows with distinct `key`s are found; `undefined` rejects a draw. */
export function distinctRows<R>(fn: string, count: number, make: (i: number) => R | undefined, key: (r: R) => string): R[] {
  const rows: R[] = [];
  const seen = new Set<string>();
  let tries = 0;
  while (rows.length < count) {
    if (++tries > count * 50) throw new Error(`${fn}: could not find ${count} distinct rows`);
    const r = make(rows.length);
    if (r === undefined || seen.has(key(r))) continue;
    seen.add(key(r));
    rows.push(r);
  }
  return rows;
}
