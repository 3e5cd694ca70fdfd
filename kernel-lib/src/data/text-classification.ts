// A student's own (text, label) rows → tokenized, encoded examples with any label names, split into train and test.
import { Rng } from "../tensor";
import { tokenize } from "./tokenize";
import { Vocab } from "./vocab";

/** One encoded example: `label` is the index of `labelName` in the data set's `labels`. */
export interface TextExample {
  text: string;
  labelName: string;
  label: number;
  tokens: string[];
  ids: number[];
  /** 1-based line of the row in its file (the header is line 1), for messages. */
  row: number;
}

/** Options of {@link textClassificationData}. */
export interface TextClassificationOptions {
  /** Column holding the text (default "text"). */
  text?: string;
  /** Column holding the label (default "label"); any strings, e.g. "gioia", "★★★", "spam". */
  label?: string;
  /**
   * How a text becomes tokens: "words" (default: letters and digits of any script, punctuation marks apart,
   * lower-cased), "chars" (one token per character: for scripts written without spaces), or your own function.
   */
  tokenizer?: "words" | "chars" | ((text: string) => string[]);
  /** Fraction of each label's examples held out for testing (default 0.2; at least one per label). */
  testFraction?: number;
  /** Seeds the split (default 0). */
  seed?: number;
  /** Tokens seen fewer times than this in the training part become `<unk>` (default 1). */
  minCount?: number;
  /** Where the rows came from, for messages (default "rows"). */
  source?: string;
}

/** A data set ready for `SequenceClassifier` + `fit`: `train`/`test` examples, the training vocabulary, label names. */
export interface TextClassificationData {
  train: TextExample[];
  test: TextExample[];
  vocab: Vocab;
  /** Label names, sorted; `labels[e.label] === e.labelName`. */
  labels: string[];
  /** Examples per label name, over all rows. */
  counts: Record<string, number>;
  /** A new text's ids, tokenized and encoded as the examples were (unknown words → `<unk>`). */
  encode: (text: string) => number[];
}

function tokenizerOf(t: TextClassificationOptions["tokenizer"]): (text: string) => string[] {
  if (typeof t === "function") return t;
  if (t === undefined || t === "words") return (s) => tokenize(s);
  if (t === "chars") return (s) => Array.from(s.toLowerCase()).filter((c) => c.trim() !== "");
  throw new Error(`textClassificationData: tokenizer must be "words", "chars" or a function, got ${JSON.stringify(t)}`);
}

/**
 * Rows of (text, label) → a stratified train/test split of encoded examples, with a vocabulary built on the training
 * part only. Refuses, naming the file and the fix: no rows, a missing column (listing the columns there are), an
 * empty text, fewer than two label names, and a label seen only once (it could not be both learned and tested).
 * @param rows e.g. from `readTable("my-data.csv")`
 * @example
 * const data = textClassificationData(readTable("reviews.csv"), { text: "review", label: "stars" });
 * const model = new SequenceClassifier({ cell: "gru", vocabSize: data.vocab.size, embedDim: 16, hiddenSize: 32, numClasses: data.labels.length });
 */
export function textClassificationData(rows: readonly Record<string, string>[], opts: TextClassificationOptions = {}): TextClassificationData {
  const fn = "textClassificationData";
  const src = opts.source ?? "rows";
  const textCol = opts.text ?? "text", labelCol = opts.label ?? "label";
  const testFraction = opts.testFraction ?? 0.2;
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`${fn}: testFraction must be in (0, 1), got ${testFraction}`);
  if (!Array.isArray(rows) || rows.length === 0) throw new Error(`${fn}: ${src} has no data rows (expected a header line and at least one row per label)`);
  const columns = Object.keys(rows[0]);
  for (const [what, col] of [["text", textCol], ["label", labelCol]]) {
    if (!columns.includes(col)) {
      throw new Error(`${fn}: ${src} has no ${what} column "${col}"; its columns are ${columns.map((c) => `"${c}"`).join(", ")} (pass { ${what}: "<column>" })`);
    }
  }
  const tok = tokenizerOf(opts.tokenizer);
  const raw = rows.map((r, i) => {
    const text = (r[textCol] ?? "").trim(), labelName = (r[labelCol] ?? "").trim();
    const row = i + 2;
    if (!text) throw new Error(`${fn}: ${src} line ${row} has an empty "${textCol}"`);
    if (!labelName) throw new Error(`${fn}: ${src} line ${row} has an empty "${labelCol}"`);
    const tokens = tok(text);
    if (tokens.length === 0) throw new Error(`${fn}: ${src} line ${row}: "${text.slice(0, 40)}" gives no tokens`);
    return { text, labelName, row, tokens };
  });
  const counts: Record<string, number> = {};
  for (const e of raw) counts[e.labelName] = (counts[e.labelName] ?? 0) + 1;
  const labels = Object.keys(counts).sort();
  if (labels.length < 2) throw new Error(`${fn}: ${src} has only one label, "${labels[0]}", in "${labelCol}": a classifier needs at least two`);
  for (const l of labels) {
    if (counts[l] === 1) {
      const row = raw.find((e) => e.labelName === l)!.row;
      throw new Error(`${fn}: label "${l}" appears only once in ${src} (line ${row}); each label needs at least 2 examples, one to learn from and one to test on (a typo? labels are compared exactly)`);
    }
  }
  // Stratified split: each label's examples shuffled with the seed, ⌈fraction·n⌉ (at least 1, at most n − 1) to test.
  const rng = new Rng(opts.seed ?? 0);
  const train: typeof raw = [], test: typeof raw = [];
  for (const l of labels) {
    const mine = raw.filter((e) => e.labelName === l);
    for (let i = mine.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [mine[i], mine[j]] = [mine[j], mine[i]];
    }
    const nTest = Math.min(mine.length - 1, Math.max(1, Math.round(testFraction * mine.length)));
    test.push(...mine.slice(0, nTest));
    train.push(...mine.slice(nTest));
  }
  const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;
  train.sort(byRow);
  test.sort(byRow);
  const vocab = Vocab.build(train.map((e) => e.tokens), { minCount: opts.minCount });
  const encode = (e: (typeof raw)[number]): TextExample => ({ ...e, label: labels.indexOf(e.labelName), ids: vocab.encode(e.tokens) });
  return { train: train.map(encode), test: test.map(encode), vocab, labels, counts, encode: (text) => vocab.encode(tok(text)) };
}
