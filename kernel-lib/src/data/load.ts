// The I/O edge of src/data: reading TSV files (plain, or into a danfojs DataFrame) and loading the toy data sets from disk.
import * as fs from "fs";
import * as path from "path";
import type { DataFrame } from "danfojs-node";
import { sentimentExamples, translationExamples, SentimentExample, TranslationExample } from "./datasets";
import { Vocab } from "./vocab";

export type DataSplit = "train" | "valid" | "test";

/**
 * Reads a TSV file with a header line into plain rows (fast, no dependencies; cells are strings, no quoting).
 * @example
 * readTsvRows("data/sentiment/train.tsv")[0].text;
 */
export function readTsvRows(file: string): Record<string, string>[] {
  const text = fs.readFileSync(file, "utf8").replace(/\r\n/g, "\n");
  const lines = text.split("\n").filter((l) => l.length > 0);
  if (lines.length === 0) throw new Error(`readTsvRows: ${file} is empty (expected a header line)`);
  const header = lines[0].split("\t");
  return lines.slice(1).map((line, k) => {
    const cells = line.split("\t");
    if (cells.length !== header.length) throw new Error(`readTsvRows: ${file} line ${k + 2} has ${cells.length} cells, the header has ${header.length}`);
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = cells[i]));
    return row;
  });
}

/**
 * Reads a TSV file into a danfojs DataFrame (for display as a table in notebooks). danfojs-node is imported on the first
 * call only, because importing it takes seconds. Columns keep their string values (`dynamicTyping: false`).
 * @example
 * const df = await readTsv("../data/sentiment/train.tsv"); df.head().print();
 */
export async function readTsv(file: string): Promise<DataFrame> {
  if (!fs.existsSync(file)) throw new Error(`readTsv: no file ${file}`);
  const dfd = await import("danfojs-node");
  // PapaParse options; danfojs types them through @types/papaparse, which is not installed.
  const parse = { delimiter: "\t", header: true, dynamicTyping: false, skipEmptyLines: true };
  return dfd.readCSV(file, parse as unknown as Parameters<typeof dfd.readCSV>[1]);
}

/**
 * The nearest `data/` folder holding the toy data sets, looking in `start` and its parents (notebooks run in `notebooks/`).
 */
export function findDataDir(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    for (const cand of [dir, path.join(dir, "data")]) {
      if (fs.existsSync(path.join(cand, "sentiment", "train.tsv"))) return cand;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`findDataDir: no data/sentiment/train.tsv in ${start} or its parents`);
    dir = up;
  }
}

/**
 * Loads one split of `data/sentiment` with the vocabulary built on its training split (`minCount` there).
 * @example
 * const { examples, vocab } = loadSentiment(findDataDir(), "valid");
 */
export function loadSentiment(dir: string, split: DataSplit, opts: { minCount?: number; vocab?: Vocab } = {}): { rows: Record<string, string>[]; examples: SentimentExample[]; vocab: Vocab } {
  const vocab = opts.vocab ?? sentimentExamples(readTsvRows(path.join(dir, "sentiment", "train.tsv")), { minCount: opts.minCount }).vocab;
  const rows = readTsvRows(path.join(dir, "sentiment", `${split}.tsv`));
  return { rows, examples: sentimentExamples(rows, { vocab }).examples, vocab };
}

/**
 * Loads one split of `data/translation` with source (English) and target (Italian) vocabularies built on its training split.
 * @example
 * const { examples, srcVocab, tgtVocab } = loadTranslation(findDataDir(), "train");
 */
export function loadTranslation(
  dir: string,
  split: DataSplit,
  opts: { minCount?: number; srcVocab?: Vocab; tgtVocab?: Vocab } = {},
): { rows: Record<string, string>[]; examples: TranslationExample[]; srcVocab: Vocab; tgtVocab: Vocab } {
  let { srcVocab, tgtVocab } = opts;
  if (!srcVocab || !tgtVocab) {
    const built = translationExamples(readTsvRows(path.join(dir, "translation", "train.tsv")), { minCount: opts.minCount });
    srcVocab = srcVocab ?? built.srcVocab;
    tgtVocab = tgtVocab ?? built.tgtVocab;
  }
  const rows = readTsvRows(path.join(dir, "translation", `${split}.tsv`));
  return { rows, examples: translationExamples(rows, { srcVocab, tgtVocab }).examples, srcVocab, tgtVocab };
}
