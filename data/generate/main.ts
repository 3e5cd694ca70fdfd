// Regenerates every toy data set and data/README.md (its tables are computed here): `npm run data` or `tsx data/generate/main.ts [--out dir]`.
import { Command } from "commander";
import * as fs from "fs";
import * as path from "path";
import { Rng } from "../../kernel-lib/src/tensor/random";
import { lengthStats, splitRows, SplitName, toTsv, wordCount } from "./common";
import { bagOfWordsAccuracy } from "./bow";
import { generateSentiment, SentimentRow } from "./sentiment";
import { generateTranslation, TranslationRow } from "./translation";

export const SENTIMENT_SEED = 2026;
export const TRANSLATION_SEED = 1997;
export const SENTIMENT_COUNT = 4000;
export const TRANSLATION_COUNT = 3000;
const SPLITS: SplitName[] = ["train", "valid", "test"];
const PHENOMENA = ["plain", "negation", "double_negation", "contrast", "long_range", "intensifier"];

const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
const fmtLen = (xs: number[]) => {
  const s = lengthStats(xs);
  return [s.min, s.mean, s.median, s.max];
};

/** The sentiment splits, in memory. */
export function sentimentSplits(): Record<SplitName, SentimentRow[]> {
  const rows = generateSentiment(SENTIMENT_COUNT, new Rng(SENTIMENT_SEED));
  return splitRows(rows, new Rng(SENTIMENT_SEED + 1), (r) => `${r.lang} ${r.label}`);
}

/** The translation splits, in memory. */
export function translationSplits(): Record<SplitName, TranslationRow[]> {
  const rows = generateTranslation(TRANSLATION_COUNT, new Rng(TRANSLATION_SEED));
  return splitRows(rows, new Rng(TRANSLATION_SEED + 1));
}

/** Every generated file as `relative path → exact bytes` (the TSVs and the README with its real statistics). */
export function buildDataFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const sent = sentimentSplits();
  const tr = translationSplits();
  for (const s of SPLITS) {
    files[`sentiment/${s}.tsv`] = toTsv(["id", "lang", "text", "label", "phenomena"], sent[s].map((r) => ({ ...r, phenomena: r.phenomena.join("+") })));
    files[`translation/${s}.tsv`] = toTsv(["id", "en", "it"], tr[s].map((r) => ({ ...r })));
  }
  files["README.md"] = readme(sent, tr);
  return files;
}

function readme(sent: Record<SplitName, SentimentRow[]>, tr: Record<SplitName, TranslationRow[]>): string {
  const all = SPLITS.flatMap((s) => sent[s]);
  const balance = SPLITS.flatMap((s) =>
    (["en", "it"] as const).map((lang) => {
      const rs = sent[s].filter((r) => r.lang === lang);
      const pos = rs.filter((r) => r.label === "positive").length;
      return [s, lang, rs.length, pos, rs.length - pos, (pos / rs.length).toFixed(3)];
    }),
  );
  const phen = PHENOMENA.map((p) => [p, ...SPLITS.map((s) => sent[s].filter((r) => r.phenomena.includes(p)).length), all.filter((r) => r.phenomena.includes(p)).length]);
  const sentLen = (["en", "it"] as const).map((lang) => [lang, ...fmtLen(all.filter((r) => r.lang === lang).map((r) => wordCount(r.text)))]);
  const sentLenPhen = PHENOMENA.map((p) => [p, ...fmtLen(all.filter((r) => r.phenomena.includes(p)).map((r) => wordCount(r.text)))]);
  const bow = Object.entries(bagOfWordsAccuracy(sent.train, [...sent.valid, ...sent.test])).map(([tag, r]) => [tag, r.n, r.accuracy.toFixed(3)]);
  const trAll = SPLITS.flatMap((s) => tr[s]);
  const trLen = [["en", ...fmtLen(trAll.map((r) => wordCount(r.en)))], ["it", ...fmtLen(trAll.map((r) => wordCount(r.it)))]];
  const example = (p: string, lang: string) => sent.train.find((r) => r.lang === lang && r.phenomena.join("+") === p);
  const examples = ["plain", "negation", "contrast", "negation+long_range", "negation+double_negation"].flatMap((p) =>
    ["en", "it"].map((lang) => example(p, lang)).filter((r): r is SentimentRow => r !== undefined).map((r) => [r.id, r.lang, r.label, r.phenomena.join("+"), r.text]),
  );
  return `# Toy data sets

Generated, never edited by hand: this file and every TSV below are written by \`npm run data\`
(\`tsx data/generate/main.ts\`), and \`test/data.test.ts\` checks that regenerating gives the same bytes.
Randomness comes from rnnlab's seeded \`Rng\` (xoroshiro128+), so one seed gives the same files on every machine.
TSV files are UTF-8, tab-separated, with a header line and LF line endings.

## \`sentiment/\`: movie reviews, English and Italian

Columns: \`id\`, \`lang\` (\`en\` | \`it\`), \`text\`, \`label\` (\`positive\` | \`negative\`), \`phenomena\` (tags joined by \`+\`).
Generator: \`data/generate/sentiment.ts\`, ${SENTIMENT_COUNT} distinct reviews with seed ${SENTIMENT_SEED}; split 80/10/10 with seed ${SENTIMENT_SEED + 1}, stratified by language and label.
Rows alternate English/Italian and positive/negative, so the labels are balanced within each language.

Each review is built from clauses (subject, copula or verb, adjective or verb with a polarity, optional intensifier,
optional negation). The tags say what decides the label:

- \`plain\`: one clause, the sentiment word decides ("The acting was superb.", "La trama era banale.").
- \`negation\`: the sentiment word is negated ("not good", "never boring", "non mi è piaciuto", "non era mai noiosa"),
  with negated positive and negated negative words equally often, so "not" alone says nothing.
- \`contrast\`: "X, but Y" / "X, ma Y": the clause after *but* decides and the first clause says the opposite,
  so both labels share the same bag of words.
- \`long_range\`: the deciding clause comes first, then 2–4 neutral sentences (plot, actors, music, the cinema).
- \`double_negation\` (rare): "I would not say that the plot was not clever", "non direi che la trama non fosse banale".
- \`intensifier\`: "very", "really", "molto", "davvero"... (never changes the label).

Italian adjectives and participles agree with the subject in gender and number ("la trama era noiosa",
"gli attori erano noiosi", "mi sono piaciute le scene"); the subjunctive appears in double negations ("non fosse").
A bag-of-words model cannot separate \`contrast\` reviews (swap the clauses and the label flips) nor the
\`negation\` reviews (the words "not good" and "not bad" need an interaction).

### Counts and label balance

${table(["split", "lang", "rows", "positive", "negative", "positive share"], balance)}

### Phenomena (a review may have several tags)

${table(["tag", "train", "valid", "test", "all"], phen)}

### Length in words (all splits)

${table(["lang", "min", "mean", "median", "max"], sentLen)}

${table(["tag", "min", "mean", "median", "max"], sentLenPhen)}

### What a bag of words gets right (valid and test splits together)

A logistic regression on word presence (\`data/generate/bow.ts\`: full-batch gradient descent, 1500 steps, trained on train)
learns the polarity of words, so it does well on plain reviews, is barely better than a coin on contrast and worse than a coin on negation:

${table(["tag", "held-out rows", "accuracy"], bow)}

### Examples (from train)

${table(["id", "lang", "label", "phenomena", "text"], examples)}

## \`translation/\`: English → Italian sentence pairs

Columns: \`id\`, \`en\`, \`it\`. Generator: \`data/generate/translation.ts\`, ${TRANSLATION_COUNT} distinct pairs (English side unique)
with seed ${TRANSLATION_SEED}; split 80/10/10 with seed ${TRANSLATION_SEED + 1}.

The grammar: subject (pronoun or noun phrase), optional negation, a transitive verb in the present or the passato prossimo
with *avere*, an object noun phrase, an optional time adverb or place. What makes word-by-word translation fail:

- articles by gender, number and the next word's first letters: il/lo/l'/la/i/gli/le, un/uno/una/un' ("lo zaino", "gli alberi", "l'orologio");
- adjectives after the noun, agreeing with it ("my red cars" → "le mie macchine rosse"; "bianchi", "lunghe"; invariable "blu");
- possessives with the article ("my book" → "il mio libro"), without it for singular family nouns ("my sister" → "mia sorella", but "la loro sorella");
- verbs conjugated by person and number (cerco/cerchi/cerca, pulisco/puliamo, ho/hanno), subject pronouns dropped for io/tu/noi/voi;
- English auxiliaries with no Italian word ("does not read" → "non legge", "did not buy" → "non ha comprato"), adverb order ("I often read" → "leggo spesso", "never" → "non … mai");
- articulated prepositions ("on the table" → "sul tavolo", "in the backpack" → "nello zaino"), irregular plurals ("uovo" → "uova").

### Counts

${table(["split", "pairs"], SPLITS.map((s) => [s, tr[s].length]))}

### Length in words (all splits)

${table(["side", "min", "mean", "median", "max"], trLen)}

### Examples (from train)

${table(["id", "en", "it"], tr.train.slice(0, 8).map((r) => [r.id, r.en, r.it]))}
`;
}

/** Writes every file under `outDir` and prints a summary. */
export function writeDataFiles(outDir: string): Record<string, string> {
  const files = buildDataFiles();
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return files;
}

if (require.main === module) {
  const { out: outDir } = new Command("data").description("regenerate the toy data sets and data/README.md")
    .option("--out <dir>", "output folder", path.join(__dirname, ".."))
    .exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : 2)).parse().opts<{ out: string }>();
  const files = writeDataFiles(outDir);
  for (const [rel, text] of Object.entries(files)) console.log(`${path.join(outDir, rel)}: ${text.split("\n").length - 2} rows`);
}
