// The toy data sets: committed files equal their seeded generators' output, splits are sane, loaders and the README's claims hold.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildDataFiles, sentimentSplits, translationSplits } from "../data/generate/main";
import { generateSentiment, agreeIt, PHENOMENA } from "../data/generate/sentiment";
import { tokenize } from "../kernel-lib/src/data/tokenize";
import { articulate, definiteArticle, generateTranslation, indefiniteArticle, SLIDE_LINES } from "../data/generate/translation";
import { bagOfWordsAccuracy } from "../data/generate/bow";
import { Rng } from "../kernel-lib/src/tensor";
import { findDataDir, loadSentiment, loadTranslation, readTsv, readTsvRows, padSequences, UNK_ID, BOS_ID, EOS_ID } from "../kernel-lib/src/data";

const DATA = path.join(__dirname, "..", "data");

describe("data files", () => {
  const files = buildDataFiles();

  it("regenerating in memory gives the committed bytes of every file (TSVs and README)", () => {
    assert.deepEqual(Object.keys(files).sort(), ["README.md", ...["sentiment", "translation"].flatMap((d) => ["test", "train", "valid"].map((s) => `${d}/${s}.tsv`))].sort());
    for (const [rel, text] of Object.entries(files)) {
      assert.ok(fs.readFileSync(path.join(DATA, rel), "utf8") === text, `${rel} differs from its generator: run npm run data`);
    }
  });

  it("`tsx data/generate/main.ts --out <tmp>` writes the same bytes", function () {
    this.timeout(300000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-data-"));
    try {
      execFileSync(process.execPath, ["--import", "tsx", path.join(DATA, "generate", "main.ts"), "--out", out], { stdio: "pipe" });
      for (const rel of Object.keys(files)) assert.ok(fs.readFileSync(path.join(out, rel)).equals(fs.readFileSync(path.join(DATA, rel))), rel);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("same seed → same rows, another seed → other rows", () => {
    assert.deepEqual(generateSentiment(50, new Rng(9)), generateSentiment(50, new Rng(9)));
    assert.notDeepEqual(generateSentiment(50, new Rng(9)), generateSentiment(50, new Rng(10)));
    assert.deepEqual(generateTranslation(50, new Rng(9)), generateTranslation(50, new Rng(9)));
  });
});

describe("data/sentiment", () => {
  const s = sentimentSplits();
  it("has 8000/1000/1000 distinct reviews with no text shared between splits", () => {
    assert.deepEqual([s.train.length, s.valid.length, s.test.length], [8000, 1000, 1000]);
    const texts = [...s.train, ...s.valid, ...s.test].map((r) => r.text);
    assert.equal(new Set(texts).size, 10000);
  });
  it("balances labels within each language (48–52 % positive in every split)", () => {
    for (const split of Object.values(s)) {
      for (const lang of ["en", "it"]) {
        const rows = split.filter((r) => r.lang === lang);
        const share = rows.filter((r) => r.label === "positive").length / rows.length;
        assert.ok(share >= 0.48 && share <= 0.52, `${lang}: positive share ${share}`);
      }
    }
  });
  it("has every phenomenon in the test split, both labels in each", () => {
    for (const tag of PHENOMENA) {
      const rows = s.test.filter((r) => r.phenomena.includes(tag));
      assert.ok(rows.length >= 15, `${tag}: ${rows.length} test rows`);
      assert.ok(rows.some((r) => r.label === "positive") && rows.some((r) => r.label === "negative"), tag);
    }
  });
  it("long_range reviews are long: at least three sentences and 10 words", () => {
    for (const r of s.train.filter((x) => x.phenomena.includes("long_range"))) {
      assert.ok(r.text.split(" ").length >= 10 && r.text.split(/(?<=[.!])\s+/).length >= 3, r.text);
    }
  });
  it("has at least 1,500 word types per language, and no sentence repeats more than 12 times", () => {
    const all = [...s.train, ...s.valid, ...s.test];
    for (const lang of ["en", "it"] as const) {
      const rows = all.filter((r) => r.lang === lang);
      assert.ok(new Set(rows.flatMap((r) => tokenize(r.text, { lang }))).size >= 1500, lang);
      const counts = new Map<string, number>();
      for (const r of rows) for (const t of r.text.split(/(?<=[.!])\s+/)) counts.set(t, (counts.get(t) ?? 0) + 1);
      const [top, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
      assert.ok(n <= 12, `${lang}: "${top}" appears ${n} times`);
    }
  });
  it("in concessive reviews ('Y, even though X') the first clause decides, after 'although' the second", () => {
    const conc = s.train.filter((r) => r.lang === "en" && r.phenomena.includes("concessive"));
    assert.ok(conc.some((r) => /^Although /.test(r.text)) && conc.some((r) => /, even though /.test(r.text)));
  });
  it("Italian adjectives agree in gender and number", () => {
    assert.deepEqual(["m", "f"].flatMap((g) => [false, true].map((p) => agreeIt("noioso", g as "m" | "f", p))), ["noioso", "noiosi", "noiosa", "noiose"]);
    assert.deepEqual([agreeIt("divertente", "f", false), agreeIt("divertente", "f", true)], ["divertente", "divertenti"]);
    const it = s.train.filter((r) => r.lang === "it").map((r) => r.text);
    assert.ok(it.some((t) => /^La trama era \w+a\./.test(t)));
    assert.ok(!it.some((t) => /\bLa trama (era|è) (noioso|bello|brutto)\b/.test(t)));
  });
  it("a bag-of-words model does better on plain reviews than on negation, and is far from perfect overall (the README's claim)", function () {
    this.timeout(180000);
    const acc = bagOfWordsAccuracy(s.train, [...s.valid, ...s.test]);
    assert.ok(acc.plain.accuracy > acc.negation.accuracy + 0.15, `plain ${acc.plain.accuracy}, negation ${acc.negation.accuracy}`);
    assert.ok(acc.negation.accuracy < 0.55, `negation ${acc.negation.accuracy}`);
    assert.ok(acc.all.accuracy < 0.7, `all ${acc.all.accuracy}`);
  });
});

describe("data/translation", () => {
  const t = translationSplits();
  it("holds none of the slides' three English lines, in any split (07 and 10 translate them unseen)", () => {
    assert.equal(SLIDE_LINES.length, 3);
    const lines = new Set(SLIDE_LINES.map((l) => l.toLowerCase()));
    const found = [...t.train, ...t.valid, ...t.test].filter((r) => lines.has(r.en.toLowerCase())).map((r) => r.en);
    assert.deepEqual(found, []);
    // the grammar does make them: without the hold-out, these seeds would emit at least one
    const free = generateTranslation(20000, new Rng(7)).filter((r) => /^(hey \w+, don't make it bad|take a \w+ \w+ and make it better)\.$/i.test(r.en));
    assert.ok(free.length > 0, "the generator still builds the slides' constructions");
  });
  it("has 4000/500/500 pairs, English side unique, 3 to 15 English words, at least 800 word types per side", () => {
    assert.deepEqual([t.train.length, t.valid.length, t.test.length], [4000, 500, 500]);
    const all = [...t.train, ...t.valid, ...t.test];
    assert.equal(new Set(all.map((r) => r.en)).size, 5000);
    for (const r of all) {
      const n = r.en.replace(/[.,]/g, "").split(" ").length;
      assert.ok(n >= 3 && n <= 15, r.en);
    }
    for (const side of ["en", "it"] as const) assert.ok(new Set(all.flatMap((r) => tokenize(r[side], { lang: side }))).size >= 800, side);
  });
  it("covers every word of the lecture's Hey Jude lines on both sides", () => {
    const all = [...t.train, ...t.valid, ...t.test];
    for (const [side, text] of [["en", "Hey Jude, don't make it bad. Take a sad song and make it better. Remember to let her into your heart, then you can start to make it better."],
      ["it", "Ehi Jude, non metterlo male. Prendi una canzone triste e rendila migliore. Ricorda di lasciarla entrare nel tuo cuore, quindi puoi iniziare a renderlo migliore."]] as const) {
      const seen = new Set(t.train.flatMap((r) => tokenize(r[side], { lang: side })));
      assert.deepEqual(tokenize(text, { lang: side }).filter((w) => !seen.has(w)), [], side);
    }
    assert.ok(all.length > 0);
  });
  it("object pronouns agree with what they stand for ('make it better' → rendilo / rendila / rendili / rendile)", () => {
    const forms = new Set([...t.train, ...t.valid, ...t.test].flatMap((r) => r.it.match(/\brendil[oaie]\b/gi) ?? []).map((w) => w.toLowerCase()));
    assert.deepEqual([...forms].sort(), ["rendila", "rendile", "rendili", "rendilo"]);
  });
  it("chooses Italian articles by gender, number and the next word", () => {
    assert.deepEqual(["libro", "zaino", "orologio", "studente"].map((w) => definiteArticle("m", false, w)), ["il", "lo", "l'", "lo"]);
    assert.deepEqual(["libri", "zaini", "orologi"].map((w) => definiteArticle("m", true, w)), ["i", "gli", "gli"]);
    assert.deepEqual(["casa", "arancia"].map((w) => definiteArticle("f", false, w)), ["la", "l'"]);
    assert.equal(definiteArticle("f", true, "arance"), "le");
    assert.deepEqual([indefiniteArticle("m", "zaino"), indefiniteArticle("m", "orologio"), indefiniteArticle("f", "arancia"), indefiniteArticle("f", "casa")], ["uno", "un", "un'", "una"]);
    assert.deepEqual([articulate("su", "il"), articulate("in", "lo"), articulate("in", "l'"), articulate("su", "le")], ["sul", "nello", "nell'", "sulle"]);
  });
  it("English 'the' has many Italian forms, so word-by-word translation fails", () => {
    const firstWords = new Set([...t.train, ...t.valid, ...t.test].filter((r) => r.en.startsWith("The ")).map((r) => r.it.split(/[ ']/)[0].toLowerCase()));
    for (const art of ["il", "lo", "l", "la", "i", "gli", "le"]) assert.ok(firstWords.has(art), `no sentence starts with "${art}": ${[...firstWords]}`);
  });
  it("possessives take the article except with singular family nouns", () => {
    const all = [...t.train, ...t.valid, ...t.test];
    const bare = all.filter((r) => /\b(my|your|his|her|our) (sister|brother|uncle|cousin)\b/i.test(r.en) && /(^|\s)(mia|tua|sua|nostra) sorella|(^|\s)(mio|tuo|suo|nostro) (fratello|zio|cugino)/i.test(r.it));
    assert.ok(bare.length > 0, "no singular family noun without its article");
    for (const r of all) assert.ok(!/\b(il|la) (mia|tua|sua|nostra|mio|tuo|suo|nostro) (sorella|fratello|zio|cugino)\./i.test(r.it), r.it);
    assert.ok(all.some((r) => /\bmy book\b/i.test(r.en) && /\bil mio libro\b/i.test(r.it)));
  });
});

describe("data loading", () => {
  it("findDataDir finds data/ from the repository root and from notebooks/", () => {
    assert.equal(findDataDir(path.join(__dirname, "..")), DATA);
    assert.equal(findDataDir(path.join(__dirname, "..", "kernel-lib")), DATA);
  });
  it("readTsvRows reads the header and every row", () => {
    const rows = readTsvRows(path.join(DATA, "sentiment", "valid.tsv"));
    assert.equal(rows.length, 1000);
    assert.deepEqual(Object.keys(rows[0]), ["id", "lang", "text", "label", "phenomena"]);
  });
  it("loadSentiment encodes a split with the training vocabulary and pads to [T, B] with a mask", () => {
    const train = loadSentiment(DATA, "train");
    const test = loadSentiment(DATA, "test");
    assert.equal(test.vocab.size, train.vocab.size);
    assert.equal(test.examples.length, 1000);
    const e = test.examples[0];
    assert.deepEqual(test.vocab.decode(e.ids), e.tokens.map((tok) => (train.vocab.id(tok) === UNK_ID ? "<unk>" : tok)));
    const { ids, mask, lengths } = padSequences(test.examples.slice(0, 8).map((x) => x.ids));
    assert.equal(ids.shape[1], 8);
    assert.equal(mask.data.reduce((a, b) => a + b, 0), lengths.reduce((a, b) => a + b, 0));
  });
  it("loadTranslation frames Italian targets with <bos> … <eos>", () => {
    const { examples, srcVocab, tgtVocab } = loadTranslation(DATA, "valid");
    assert.equal(examples.length, 500);
    const e = examples[0];
    assert.equal(e.tgtIds[0], BOS_ID);
    assert.equal(e.tgtIds[e.tgtIds.length - 1], EOS_ID);
    assert.ok(srcVocab.size > 50 && tgtVocab.size > srcVocab.size, `V_en = ${srcVocab.size}, V_it = ${tgtVocab.size}`);
  });
  it("readTsv loads a split into a danfojs DataFrame", async function () {
    this.timeout(60000);
    const df = await readTsv(path.join(DATA, "translation", "test.tsv"));
    assert.deepEqual(df.shape, [500, 3]);
    assert.deepEqual(df.columns, ["id", "en", "it"]);
  });
});
