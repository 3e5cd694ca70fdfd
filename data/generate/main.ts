// Regenerates every toy data set and data/README.md (its tables are computed here): `npm run data` or `tsx data/generate/main.ts [--out dir]`.
import * as fs from "fs";
import * as path from "path";
import { Rng } from "../../kernel-lib/src/tensor/random";
import { tokenize } from "../../kernel-lib/src/data/tokenize";
import { lengthStats, splitRows, SplitName, toTsv, wordCount } from "./common";
import { bagOfWordsAccuracy } from "./bow";
import { generateSentiment, PHENOMENA, SentimentRow } from "./sentiment";
import { generateTranslation, TranslationRow } from "./translation";

export const SENTIMENT_SEED = 2026;
export const TRANSLATION_SEED = 1997;
export const SENTIMENT_COUNT = 10000;
export const TRANSLATION_COUNT = 5000;
const SPLITS: SplitName[] = ["train", "valid", "test"];

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
  const vocabRows = (["en", "it"] as const).map((lang) => {
    const types = (rows: SentimentRow[]) => new Set(rows.filter((r) => r.lang === lang).flatMap((r) => tokenize(r.text, { lang }))).size;
    const counts = new Map<string, number>();
    for (const r of all.filter((x) => x.lang === lang)) for (const t of r.text.split(/(?<=[.!])\s+/)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    return [lang, types(all), types(sent.train), `"${top[0]}"`, top[1]];
  });
  const trTypes = (side: "en" | "it", rows: TranslationRow[]) => new Set(rows.flatMap((r) => tokenize(r[side], { lang: side }))).size;
  const bow = Object.entries(bagOfWordsAccuracy(sent.train, [...sent.valid, ...sent.test])).map(([tag, r]) => [tag, r.n, r.accuracy.toFixed(3)]);
  const trAll = SPLITS.flatMap((s) => tr[s]);
  const trLen = [["en", ...fmtLen(trAll.map((r) => wordCount(r.en)))], ["it", ...fmtLen(trAll.map((r) => wordCount(r.it)))]];
  const example = (p: string, lang: string) => sent.train.find((r) => r.lang === lang && r.phenomena.join("+") === p);
  const examples = ["plain", "negation", "negation+negation_scope", "contrast", "contrast+concessive", "long_range+distractor", "verdict", "negation+double_negation"].flatMap((p) =>
    ["en", "it"].map((lang) => example(p, lang)).filter((r): r is SentimentRow => r !== undefined).map((r) => [r.id, r.lang, r.label, r.phenomena.join("+"), r.text]),
  );
  return `# Toy data sets

Generated, never edited by hand: this file and every TSV below are written by \`npm run data\`
(\`tsx data/generate/main.ts\`), and \`test/data.test.ts\` checks that regenerating gives the same bytes.
Randomness comes from rnnlab's seeded \`Rng\` (xoroshiro128+), so one seed gives the same files on every machine.
TSV files are UTF-8, tab-separated, with a header line and LF line endings.

## \`sentiment/\`: movie reviews, English and Italian

Columns: \`id\`, \`lang\` (\`en\` | \`it\`), \`text\`, \`label\` (\`positive\` | \`negative\`), \`phenomena\` (tags joined by \`+\`).
Generator: \`data/generate/sentiment.ts\` (grammar), \`lexicon.ts\` (bilingual word lists), \`fillers.ts\` (neutral sentences);
${SENTIMENT_COUNT} distinct reviews with seed ${SENTIMENT_SEED}; split 80/10/10 with seed ${SENTIMENT_SEED + 1}, stratified by language and label.
Rows alternate English/Italian and positive/negative, so the labels are balanced within each language.

A review judges aspects of a film (${"`"}the plot${"`"}, ${"`"}la colonna sonora${"`"}, 60 aspects) with about 90 adjectives per polarity and language:
three judgements in four use the 24 commonest, the rest follow a Zipf tail, so some words are rare or unseen in training, as in real reviews.
Neutral sentences come from 24 slot-filled templates (who directed it, where and with whom I saw it, the plot, the running time, the budget,
what we ate before), with names, cities, years, professions and places drawn from long lists, so no sentence repeats more than a handful of
times (counted below). The tags say what decides the label:

- \`plain\`: one judgement decides ("The tension was brilliant.", "Un capolavoro unico! Ho adorato il seguito.").
- \`negation\`: the sentiment word is negated ("was not elegant at all", "non era mai noiosa", "non mi è piaciuto"); positive and negative
  words are negated equally often, so "not" alone says nothing.
- \`negation_scope\`: the negation sits in another clause ("I do not think that the scenes are wonderful", "nessuno direbbe che la storia
  fosse divertente"), or a negation word negates nothing ("not only was the editing bad, the screenplay was poor too", "non solo … ma anche …").
- \`double_negation\`: "I would not say that the actors were not magnificent", "non posso dire che l'atmosfera non fosse terribile".
- \`contrast\`: two judgements of opposite polarity. After "but / ma / però" and in "although X, Y / anche se X, Y" the second decides;
  in \`concessive\` "Y, even though X / Y, anche se X" the FIRST decides, so "the last clause wins" is not a rule a model can use.
  "I did not have high expectations, but I must admit that …" / "non avevo grosse aspettative ma devo ammettere che …" also counts.
- \`long_range\`: the deciding judgement comes first (at most one neutral sentence before it), then 2–4 sentences that do not decide;
  \`distractor\`: some of those judge something that is not the film ("The popcorn was dreadful that Sunday.", "il parcheggio era pessimo").
- \`verdict\`: two aspects of opposite polarity and an overall verdict that decides, first or last ("Lo consiglio a tutti.",
  "I would not see it again, not even with my sister.").
- \`intensifier\`: "very", "really", "molto", "davvero"… (never changes the label).

Italian adjectives and participles agree with the noun in gender and number ("la trama era noiosa", "mi sono piaciute le canzoni",
"i dialoghi erano autentici"), articles follow the next word (il/lo/l'/la/i/gli/le), the subjunctive appears under "non penso che" and
"nessuno direbbe che" ("sia", "fosse"). A quarter of the reviews that are not \`long_range\` open with one neutral sentence.

Italian spelling: the word lists are written by hand; \`npm run data -- --check\` reads Debian's \`witalian\` word list
(\`/usr/share/dict/italian\`, © 1997–2018 Davide G. M. Salvetti, GPL-3+) and prints every Italian word of the data it does not contain
(names, cities, numbers and a few loanwords). Nothing of that list is copied into the data; the data are this generator's output.

### Vocabulary

${table(["lang", "word types, all splits", "word types, train split", "most repeated sentence", "its count"], vocabRows)}

### Counts and label balance

${table(["split", "lang", "rows", "positive", "negative", "positive share"], balance)}

### Phenomena (a review may have several tags)

${table(["tag", "train", "valid", "test", "all"], phen)}

### Length in words (all splits)

${table(["lang", "min", "mean", "median", "max"], sentLen)}

${table(["tag", "min", "mean", "median", "max"], sentLenPhen)}

### What a bag of words gets right (valid and test splits together)

A logistic regression on word presence (\`data/generate/bow.ts\`: full-batch gradient descent, 1500 steps, trained on train)
learns the polarity of words; since negation, contrast and verdicts put words of both polarities in reviews of both labels, it stays far
from perfect everywhere (the recurrent models of notebook 06 are compared with it under one protocol there):

${table(["tag", "held-out rows", "accuracy"], bow)}

### Examples (from train)

${table(["id", "lang", "label", "phenomena", "text"], examples)}

## \`translation/\`: English → Italian sentence pairs

Columns: \`id\`, \`en\`, \`it\`. Generator: \`data/generate/translation.ts\` (grammar) and \`translation-lexicon.ts\` (words);
${TRANSLATION_COUNT} distinct pairs (English side unique, 3 to 15 English words) with seed ${TRANSLATION_SEED}; split 80/10/10 with seed ${TRANSLATION_SEED + 1}.

Three sentences in four are statements: a subject (pronoun, name or noun phrase), one or two verb phrases joined by "and / e" or
"but / ma" (present, passato prossimo with *avere*, negation, frequency adverbs), and a time, a place or a city. One in four is a request
in the second person, the construction of the lecture's "Hey Jude" lines: "Take a sad song and make it better." → "Prendi una canzone
triste e rendila migliore.", "Hey Anna, don't make it bad." → "Ehi Anna, non metterlo male.", "Remember to let her into your heart,
then you can start to make it better." → "Ricorda di lasciarla entrare nel tuo cuore, quindi puoi iniziare a renderlo migliore."
The slides' three English lines themselves are held out of every split, so notebooks 07 and 10 translate them unseen.
What makes word-by-word translation fail:

- articles by gender, number and the next word's first letters: il/lo/l'/la/i/gli/le, un/uno/una/un' ("lo zaino", "gli alberi", "l'orologio");
- adjectives after the noun, agreeing with it ("my red cars" → "le mie macchine rosse"; "bianchi", "lunghe"; invariable "blu");
- possessives with the article ("my book" → "il mio libro"), without it for singular family nouns ("my sister" → "mia sorella", but "la loro sorella");
- verbs conjugated by person and number (cerco/cerchi/cerca, pulisco/puliamo, ho/hanno), subject pronouns dropped for io/tu/noi/voi;
- English auxiliaries with no Italian word ("does not read" → "non legge", "did not buy" → "non ha comprato"), adverb order ("I often read" → "leggo spesso", "never" → "non … mai");
- object pronouns attached to the verb and agreeing with what they stand for ("make it better" → "rendilo / rendila / rendili migliori",
  "don't open it" → "non aprirlo / non aprirla"), negative imperatives with the infinitive ("don't take" → "non prendere");
- articulated prepositions ("on the table" → "sul tavolo", "into your heart" → "nel tuo cuore"), "a Roma" but "ad Atene", irregular plurals ("uovo" → "uova").

### Vocabulary

${table(["side", "word types, all splits", "word types, train split"], [["en", trTypes("en", trAll), trTypes("en", tr.train)], ["it", trTypes("it", trAll), trTypes("it", tr.train)]])}

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

/**
 * Italian spell check: every Italian word of the data that Debian's witalian list (`dict`, read here, never copied) does not hold.
 * Names, cities and numbers are expected among them.
 */
export function italianNotInDictionary(dict = "/usr/share/dict/italian"): string[] {
  const known = new Set(fs.readFileSync(dict, "utf8").split("\n").map((w) => w.trim().toLowerCase()));
  const sent = sentimentSplits(), tr = translationSplits();
  const texts = [...SPLITS.flatMap((s) => sent[s].filter((r) => r.lang === "it").map((r) => r.text)), ...SPLITS.flatMap((s) => tr[s].map((r) => r.it))];
  const words = new Set(texts.flatMap((t) => tokenize(t, { lang: "it" })).map((w) => w.replace(/'$/, "")).filter((w) => /\p{L}/u.test(w)));
  return [...words].filter((w) => !known.has(w) && !known.has(w + "'")).sort();
}

if (require.main === module && process.argv.includes("--check")) {
  const missing = italianNotInDictionary();
  console.log(`${missing.length} Italian words of the data are not in /usr/share/dict/italian:\n${missing.join(" ")}`);
} else if (require.main === module) {
  const i = process.argv.indexOf("--out");
  const outDir = i >= 0 ? process.argv[i + 1] : path.join(__dirname, "..");
  const files = writeDataFiles(outDir);
  for (const [rel, text] of Object.entries(files)) console.log(`${path.join(outDir, rel)}: ${text.split("\n").length - 2} rows`);
}
