// The toy data sets as encoded examples: rows (from TSV) → tokens → ids with vocabularies built on the training split.
import { tokenize } from "./tokenize";
import { Vocab } from "./vocab";
import { argError } from "../args";

/** One review, tokenized and encoded; `label` 1 = positive, 0 = negative. */
export interface SentimentExample {
  id: string;
  lang: "en" | "it";
  text: string;
  label: 0 | 1;
  phenomena: string[];
  tokens: string[];
  ids: number[];
}

/** One sentence pair; `srcIds` = English ids, `tgtIds` = `<bos>` Italian ids `<eos>`. */
export interface TranslationExample {
  id: string;
  en: string;
  it: string;
  srcTokens: string[];
  tgtTokens: string[];
  srcIds: number[];
  tgtIds: number[];
}

function column(fn: string, row: Record<string, string>, name: string): string {
  const v = row[name];
  if (v === undefined) throw new Error(`${fn}: row ${JSON.stringify(row).slice(0, 80)} has no column "${name}"`);
  return v;
}

/**
 * Sentiment rows (columns id, lang, text, label, phenomena) → tokenized examples; `vocab` defaults to one built from these rows.
 * @param rows rows of `data/sentiment/<split>.tsv`
 * @param opts.vocab the training vocabulary (pass it for valid/test); `minCount` when building one
 */
export function sentimentExamples(rows: readonly Record<string, string>[], opts: { vocab?: Vocab; minCount?: number } = {}): { examples: SentimentExample[]; vocab: Vocab } {
  const fn = "sentimentExamples";
  if (!Array.isArray(rows)) throw argError(fn, "rows", "an array of row objects (readTsvRows)", rows);
  const base = rows.map((r) => {
    const lang = column(fn, r, "lang");
    const label = column(fn, r, "label");
    if (lang !== "en" && lang !== "it") throw new Error(`${fn}: lang must be "en" or "it", got "${lang}"`);
    if (label !== "positive" && label !== "negative") throw new Error(`${fn}: label must be "positive" or "negative", got "${label}"`);
    const text = column(fn, r, "text");
    const phen = column(fn, r, "phenomena");
    return { id: column(fn, r, "id"), lang, text, label: label === "positive" ? 1 : 0, phenomena: phen ? phen.split("+") : [], tokens: tokenize(text, { lang }) } as const;
  });
  const vocab = opts.vocab ?? Vocab.build(base.map((e) => e.tokens), { minCount: opts.minCount });
  return { examples: base.map((e) => ({ ...e, phenomena: [...e.phenomena], tokens: [...e.tokens], ids: vocab.encode(e.tokens) })), vocab };
}

/**
 * Translation rows (columns id, en, it) → tokenized pairs with a source (English) and a target (Italian) vocabulary.
 * @param rows rows of `data/translation/<split>.tsv`
 * @param opts.srcVocab / opts.tgtVocab the training vocabularies (pass them for valid/test)
 */
export function translationExamples(
  rows: readonly Record<string, string>[],
  opts: { srcVocab?: Vocab; tgtVocab?: Vocab; minCount?: number } = {},
): { examples: TranslationExample[]; srcVocab: Vocab; tgtVocab: Vocab } {
  const fn = "translationExamples";
  if (!Array.isArray(rows)) throw argError(fn, "rows", "an array of row objects (readTsvRows)", rows);
  const base = rows.map((r) => {
    const en = column(fn, r, "en");
    const it = column(fn, r, "it");
    return { id: column(fn, r, "id"), en, it, srcTokens: tokenize(en, { lang: "en" }), tgtTokens: tokenize(it, { lang: "it" }) };
  });
  const srcVocab = opts.srcVocab ?? Vocab.build(base.map((e) => e.srcTokens), { minCount: opts.minCount });
  const tgtVocab = opts.tgtVocab ?? Vocab.build(base.map((e) => e.tgtTokens), { minCount: opts.minCount });
  const examples = base.map((e) => ({ ...e, srcIds: srcVocab.encode(e.srcTokens), tgtIds: tgtVocab.encode(e.tgtTokens, { bos: true, eos: true }) }));
  return { examples, srcVocab, tgtVocab };
}
