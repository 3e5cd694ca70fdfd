// The I/O edge of src/data: reading CSV/TSV files (papaparse; plain rows, or a danfojs DataFrame), loading the toy
// data sets (as examples with token ids, or as DataFrames to look at) and a student's own (text, label) file from disk.
import * as fs from "fs";
import * as path from "path";
import * as Papa from "papaparse";
import type { DataFrame } from "danfojs-node";
import { sentimentExamples, translationExamples, SentimentExample, TranslationExample } from "./datasets";
import { textClassificationData, type TextClassificationData, type TextClassificationOptions } from "./text-classification";
import { Vocab } from "./vocab";
import { toDataFrame } from "./dataframe";
import { checkInstance, checkOneOf, checkOptions, checkString } from "../args";

export type DataSplit = "train" | "valid" | "test";

/** The folder, split and options every data set loader takes, checked naming `fn`. */
function checkDataArgs(fn: string, dir: unknown, split: unknown, opts: object, known: readonly string[]): void {
  checkString(fn, "dir", dir, true);
  checkOneOf(fn, "split", split, ["train", "valid", "test"] as const);
  checkOptions(fn, "opts", opts, known);
}

/**
 * Parses CSV or TSV text with a header line into rows of strings (papaparse: quoted fields, embedded commas, tabs and
 * newlines, a byte-order mark, \r\n). The delimiter is guessed unless given.
 * @param source a name for messages (e.g. the file)
 * @example parseTable('text,label\n"Good, really",pos\nBad,neg\n') // [{ text: "Good, really", label: "pos" }, …]
 */
export function parseTable(text: string, opts: { delimiter?: string; source?: string } = {}): Record<string, string>[] {
  checkString("parseTable", "text", text);
  checkOptions("parseTable", "opts", opts, ["delimiter", "source"]);
  if (opts.delimiter !== undefined) checkString("parseTable", "opts.delimiter", opts.delimiter, true);
  if (opts.source !== undefined) checkString("parseTable", "opts.source", opts.source, true);
  const src = opts.source ?? "the text";
  if (text.replace(/^\uFEFF/, "").trim() === "") throw new Error(`parseTable: ${src} is empty (expected a header line, e.g. "text,label", and rows)`);
  const r = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy", dynamicTyping: false, delimiter: opts.delimiter ?? "" });
  const bad = r.errors.find((e) => e.message && e.code !== "UndetectableDelimiter"); // a one-column file: named below
  if (bad) throw new Error(`parseTable: ${src}${bad.row !== undefined ? ` line ${bad.row + 2}` : ""}: ${bad.message}`);
  const fields = r.meta.fields ?? [];
  if (fields.length < 2) throw new Error(`parseTable: ${src} has ${fields.length} column${fields.length === 1 ? "" : "s"} (${fields.map((f) => `"${f}"`).join(", ")}); is the delimiter right? (guessed ${JSON.stringify(r.meta.delimiter)})`);
  return r.data;
}

/**
 * Reads a CSV (`.csv`: commas) or TSV (`.tsv`/`.tab`: tabs; other names: guessed) file with a header line into rows.
 * @example readTable("my-reviews.csv")[0] // { review: "…", stars: "4" }
 */
export function readTable(file: string, opts: { delimiter?: string } = {}): Record<string, string>[] {
  return readTableAs("readTable", file, opts);
}

/** {@link readTable}, its errors naming `fn` (the function the user called). */
function readTableAs(fn: string, file: string, opts: { delimiter?: string }): Record<string, string>[] {
  checkString(fn, "file", file, true);
  checkOptions(fn, "opts", opts);
  if (opts.delimiter !== undefined) checkString(fn, "opts.delimiter", opts.delimiter, true);
  if (!fs.existsSync(file)) throw new Error(`${fn}: no file ${file} (the working directory is ${process.cwd()})`);
  const ext = path.extname(file).toLowerCase();
  const delimiter = opts.delimiter ?? (ext === ".csv" ? "," : ext === ".tsv" || ext === ".tab" ? "\t" : undefined);
  return parseTable(fs.readFileSync(file, "utf8"), { delimiter, source: file });
}

/**
 * Reads a TSV file with a header line into plain rows (the toy data sets' format), through {@link readTable}.
 * @example
 * readTsvRows("data/sentiment/train.tsv")[0].text;
 */
export function readTsvRows(file: string): Record<string, string>[] {
  return readTableAs("readTsvRows", file, { delimiter: "\t" });
}

/**
 * Loads your own (text, label) CSV/TSV file for a classifier: rows → tokens → a stratified train/test split encoded
 * with a vocabulary built on the training part. Any label names and any language; see {@link textClassificationData}
 * for the options (column names, tokenizer, split) and the errors it names.
 * @example
 * const data = rl.loadTextClassification("../data/examples/feelings-es.csv", { text: "frase", label: "emoción" });
 * data.labels; // ["alegría", "enfado", "tristeza"]
 */
export function loadTextClassification(file: string, opts: TextClassificationOptions & { delimiter?: string } = {}): TextClassificationData {
  checkOptions("loadTextClassification", "opts", opts);
  return textClassificationData(readTableAs("loadTextClassification", file, { delimiter: opts.delimiter }), { ...opts, source: opts.source ?? file });
}

/**
 * Reads a CSV/TSV file into a danfojs DataFrame (for tables in notebooks), parsed by {@link readTable} like every
 * other file here; values stay strings. danfojs-node is imported on the first call only (it takes seconds).
 * @example
 * const df = await readDataFrame("../data/examples/feelings-es.csv"); df.head().print();
 */
export async function readDataFrame(file: string, opts: { delimiter?: string } = {}): Promise<DataFrame> {
  return toDataFrame(readTableAs("readDataFrame", file, opts));
}

/**
 * Reads a TSV file into a danfojs DataFrame ({@link readDataFrame} with tabs).
 * @example
 * const df = await readTsv("../data/sentiment/train.tsv"); df.head().print();
 */
export async function readTsv(file: string): Promise<DataFrame> {
  return toDataFrame(readTableAs("readTsv", file, { delimiter: "\t" }));
}

/**
 * The nearest `data/` folder holding the toy data sets, looking in `start` and its parents (notebooks run in `notebooks/`).
 */
export function findDataDir(start: string = process.cwd()): string {
  checkString("findDataDir", "start", start, true);
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
  checkDataArgs("loadSentiment", dir, split, opts, ["minCount", "vocab"]);
  if (opts.vocab !== undefined) checkInstance("loadSentiment", "opts.vocab", opts.vocab, Vocab, "a Vocab (from the training split)");
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
  checkDataArgs("loadTranslation", dir, split, opts, ["minCount", "srcVocab", "tgtVocab"]);
  for (const k of ["srcVocab", "tgtVocab"] as const) if (opts[k] !== undefined) checkInstance("loadTranslation", `opts.${k}`, opts[k], Vocab, "a Vocab (from the training split)");
  let { srcVocab, tgtVocab } = opts;
  if (!srcVocab || !tgtVocab) {
    const built = translationExamples(readTsvRows(path.join(dir, "translation", "train.tsv")), { minCount: opts.minCount });
    srcVocab = srcVocab ?? built.srcVocab;
    tgtVocab = tgtVocab ?? built.tgtVocab;
  }
  const rows = readTsvRows(path.join(dir, "translation", `${split}.tsv`));
  return { rows, examples: translationExamples(rows, { srcVocab, tgtVocab }).examples, srcVocab, tgtVocab };
}

/**
 * One split of `data/sentiment` as a DataFrame, one row per review: `id`, `lang`, `text`, `label` ("positive" or
 * "negative"), `phenomena` (joined by "+") and `tokens`, the number of tokens the classifier reads (`rl.tokenize`).
 * @example
 * const df = await rl.loadSentimentFrame(rl.findDataDir(), "train");
 * df.groupby(["lang", "label"]).agg({ tokens: "mean" });
 */
export async function loadSentimentFrame(dir: string, split: DataSplit): Promise<DataFrame> {
  checkDataArgs("loadSentimentFrame", dir, split, {}, []);
  const rows = readTableAs("loadSentimentFrame", path.join(dir, "sentiment", `${split}.tsv`), { delimiter: "\t" });
  const { examples } = sentimentExamples(rows);
  return toDataFrame(examples.map((e, i) => ({
    id: e.id, lang: e.lang, text: e.text, label: rows[i]!.label!, phenomena: e.phenomena.join("+"), tokens: e.tokens.length,
  })));
}

/**
 * One split of `data/translation` as a DataFrame, one row per pair: `id`, `en`, `it`, and the token counts the
 * models see: `enTokens` (the source length, |srcIds|) and `itTokens` (the Italian tokens, without `<bos>`/`<eos>`).
 * @example
 * const df = await rl.loadTranslationFrame(rl.findDataDir(), "test");
 * df.column("enTokens").describe();
 */
export async function loadTranslationFrame(dir: string, split: DataSplit): Promise<DataFrame> {
  checkDataArgs("loadTranslationFrame", dir, split, {}, []);
  const rows = readTableAs("loadTranslationFrame", path.join(dir, "translation", `${split}.tsv`), { delimiter: "\t" });
  const { examples } = translationExamples(rows);
  return toDataFrame(examples.map((e) => ({ id: e.id, en: e.en, it: e.it, enTokens: e.srcTokens.length, itTokens: e.tgtTokens.length })));
}
