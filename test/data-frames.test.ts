// DataFrame views of the data sets (danfojs): the same examples the models see, with their token counts, ready to group.
import assert from "node:assert/strict";
import * as path from "node:path";
import { findDataDir, loadSentiment, loadSentimentFrame, loadTranslation, loadTranslationFrame, readTsv, readTsvRows, toDataFrame } from "../kernel-lib/src/data";

const DATA = findDataDir(path.join(__dirname, ".."));

describe("DataFrame views of the data (danfojs)", function () {
  this.timeout(120_000); // danfojs-node takes seconds to import on a loaded machine

  it("loadTranslationFrame: one row per pair, in file order, with the models' token counts", async () => {
    const df = await loadTranslationFrame(DATA, "test");
    const { examples } = loadTranslation(DATA, "test");
    assert.deepEqual(df.columns, ["id", "en", "it", "enTokens", "itTokens"]);
    assert.deepEqual(df.shape, [examples.length, 5]);
    assert.deepEqual(df.column("id").values, examples.map((e) => e.id));
    assert.deepEqual(df.column("enTokens").values, examples.map((e) => e.srcIds.length));
    assert.deepEqual(df.column("itTokens").values, examples.map((e) => e.tgtIds.length - 2), "without <bos> and <eos>");
  });

  it("loadSentimentFrame: label names as in the file, phenomena joined, token counts; groupby counts match the rows", async () => {
    const df = await loadSentimentFrame(DATA, "valid");
    const rows = readTsvRows(path.join(DATA, "sentiment", "valid.tsv"));
    const { examples } = loadSentiment(DATA, "valid");
    assert.deepEqual(df.columns, ["id", "lang", "text", "label", "phenomena", "tokens"]);
    assert.deepEqual(df.column("label").values, rows.map((r) => r.label));
    assert.deepEqual(df.column("phenomena").values, rows.map((r) => r.phenomena));
    assert.deepEqual(df.column("tokens").values, examples.map((e) => e.tokens.length));
    const counts = df.groupby(["label"]).agg({ id: "count" });
    for (const [label, n] of counts.values as [string, number][]) assert.equal(n, rows.filter((r) => r.label === label).length, label);
  });

  it("toDataFrame keeps the first row's column order and refuses empty input or rows with other columns", async () => {
    const df = await toDataFrame([{ word: "ciao", n: 3 }, { n: 5, word: "casa" }]);
    assert.deepEqual(df.columns, ["word", "n"]);
    assert.deepEqual(df.values, [["ciao", 3], ["casa", 5]]);
    await assert.rejects(toDataFrame([]), /toDataFrame: rows must be an array of at least 1 entry/);
    await assert.rejects(toDataFrame([{ a: 1 }, { b: 2 }]), /toDataFrame: rows\[1\] has columns \[b\], expected those of rows\[0\]: \[a\]/);
  });

  it("readTsv names a missing file", async () => {
    await assert.rejects(readTsv(path.join(DATA, "nope.tsv")), /readTsv: no file .*nope\.tsv/);
  });
});
