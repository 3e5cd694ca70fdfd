// A student's own (text, label) file: CSV/TSV through papaparse, any label names and language, a stratified split,
// clear errors for a missing column, an empty file and a label seen only once, and the classifier pipeline in a few lines.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as rl from "../kernel-lib/src";

const ROOT = join(__dirname, "..");
const FEELINGS = join(ROOT, "data", "examples", "feelings-es.csv");

describe("your own data (readTable, textClassificationData, loadTextClassification)", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "rnnlab-own-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => { const f = join(dir, name); writeFileSync(f, text); return f; };

  it("readTable parses quoted CSV fields (commas, quotes, newlines), a BOM, CRLF, and TSV by extension", () => {
    const csv = file("a.csv", '\uFEFFtext,label\r\n"Bello, davvero ""bello""",sì\r\n"two\nlines",no\r\n\r\n');
    assert.deepEqual(rl.readTable(csv), [{ text: 'Bello, davvero "bello"', label: "sì" }, { text: "two\nlines", label: "no" }]);
    const tsv = file("b.tsv", "text\tlabel\nuno, due\tA\ntre\tB\n");
    assert.deepEqual(rl.readTable(tsv), [{ text: "uno, due", label: "A" }, { text: "tre", label: "B" }]);
  });

  it("an empty file, a file with one column, and a missing file are named with the fix", () => {
    assert.throws(() => rl.readTable(file("empty.csv", "\n  \n")), /readTable|parseTable: .*empty\.csv is empty \(expected a header line, e\.g\. "text,label", and rows\)/);
    assert.throws(() => rl.readTable(file("one.txt", "just text\nhello\n")), /has 1 column \("just text"\); is the delimiter right\?/);
    assert.throws(() => rl.readTable(join(dir, "nope.csv")), /readTable: no file .*nope\.csv \(the working directory is /);
    assert.throws(() => rl.loadTextClassification(file("header.csv", "text,label\n")), /textClassificationData: .*header\.csv has no data rows/);
  });

  it("a missing column is named with the columns there are and the option to pass", () => {
    const f = file("cols.csv", "review,stars\ngood,5\nbad,1\n");
    assert.throws(() => rl.loadTextClassification(f), /has no text column "text"; its columns are "review", "stars" \(pass \{ text: "<column>" \}\)/);
    assert.throws(() => rl.loadTextClassification(f, { text: "review" }), /has no label column "label"; its columns are "review", "stars" \(pass \{ label: "<column>" \}\)/);
  });

  it("a label seen only once is named with its line; one label only, an empty text too", () => {
    const f = file("once.csv", "text,label\nok,pos\nfine,pos\nbad,neg\nawful,neg\nmeh,neutrl\n");
    assert.throws(() => rl.loadTextClassification(f), /label "neutrl" appears only once in .*once\.csv \(line 6\); each label needs at least 2 examples/);
    assert.throws(() => rl.loadTextClassification(file("single.csv", "text,label\na,x\nb,x\n")), /has only one label, "x", in "label": a classifier needs at least two/);
    assert.throws(() => rl.loadTextClassification(file("blank.csv", "text,label\na,x\n ,y\nb,x\nc,y\n")), /line 3 has an empty "text"/);
  });

  it("any label names and language: a stratified, seeded split with the vocabulary from the training part only", () => {
    const data = rl.loadTextClassification(FEELINGS, { text: "frase", label: "emoción" });
    assert.deepEqual(data.labels, ["alegría", "enfado", "tristeza"]);
    assert.deepEqual(data.counts, { "alegría": 40, "tristeza": 40, "enfado": 40 });
    assert.equal(data.train.length + data.test.length, 120);
    for (const l of data.labels) assert.equal(data.test.filter((e) => e.labelName === l).length, 8, `8 of 40 "${l}" held out`);
    for (const e of [...data.train, ...data.test]) assert.equal(data.labels[e.label], e.labelName);
    const trainTokens = new Set(data.train.flatMap((e) => e.tokens));
    for (let i = 0; i < data.vocab.size; i++) {
      const t = data.vocab.itos[i];
      if (!t.startsWith("<")) assert.ok(trainTokens.has(t), `"${t}" is in the vocabulary but not in the training part`);
    }
    assert.deepEqual(rl.loadTextClassification(FEELINGS, { text: "frase", label: "emoción" }).test.map((e) => e.row), data.test.map((e) => e.row));
    assert.notDeepEqual(rl.loadTextClassification(FEELINGS, { text: "frase", label: "emoción", seed: 1 }).test.map((e) => e.row), data.test.map((e) => e.row));
    assert.deepEqual(rl.textClassificationData([{ t: "日本語", l: "a" }, { t: "中文", l: "a" }, { t: "한국어", l: "b" }, { t: "ไทย", l: "b" }], { text: "t", label: "l", tokenizer: "chars" }).train[0].tokens.length > 0, true);
  });

  it("the example sentences agree in gender: a feminine subject is never \"furioso\", \"contento\", \"solo\" or \"harto\"", () => {
    // make-feelings.ts once wrote "Mi hermana está furioso con el ruido" from a masculine-only template
    const texts = rl.readTable(FEELINGS).map((r) => r["frase"]);
    const fem = texts.filter((t) => /\b(mi hermana|la profesora|mi madre)\b/i.test(t));
    assert.ok(fem.length > 10, `${fem.length} sentences with a feminine subject`);
    for (const t of fem) assert.doesNotMatch(t, /\b(furioso|contento|solo|harto)\b/, t);
    assert.ok(texts.some((t) => /\bfuriosa\b/.test(t)) && texts.some((t) => /\bfurioso\b/.test(t)));
  });

  it("readDataFrame shows the same rows as a danfojs DataFrame (one parser for both)", async function () {
    this.timeout(120_000);
    const df = await rl.readDataFrame(FEELINGS);
    assert.deepEqual(df.shape, [120, 2]);
    assert.deepEqual(df.columns, ["frase", "emoción"]);
    assert.deepEqual(df.values[0], Object.values(rl.readTable(FEELINGS)[0]));
  });

  it("the pipeline in a few lines: load, SequenceClassifier, fit, evaluate, classify a new sentence", () => {
    const data = rl.loadTextClassification(FEELINGS, { text: "frase", label: "emoción" });
    const model = new rl.SequenceClassifier({ cell: "gru", vocabSize: data.vocab.size, embedDim: 16, hiddenSize: 32, numClasses: data.labels.length, rng: new rl.Rng(0) });
    rl.fit(model, rl.classifierBatcher(data.train), { epochs: 8, batchSize: 16, optimizer: new rl.Adam(model.parameters(), { lr: 0.02 }), rng: new rl.Rng(1) });
    const { accuracy } = rl.evaluate(model, rl.classifierBatcher(data.test));
    assert.ok(accuracy >= 0.9, `test accuracy ${accuracy}`);
    const batch = rl.toClassifierBatch([{ ids: data.encode("El jefe grita por el ruido, ¡basta ya!"), label: 0 }]);
    assert.equal(data.labels[model.predict(batch.ids, batch.mask)[0]], "enfado");
  });
});
