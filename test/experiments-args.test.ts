// The experiment entries refuse bad arguments by name (function, argument, expected, received) and change nothing silently.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as rl from "../kernel-lib/src";

const iv = () => rl.summarize([0.5, 0.6, 0.7]);
const spec = () => ({ lrGrid: [0.01, 0.03], seeds: [0, 1] });
const fake = (c: rl.RunConfig): rl.RunRecord => ({ config: c, val: c.lr, test: c.lr + c.seed, bestEpoch: 1, epochs: 1, metrics: { m: c.seed } });
const records = () => rl.runProtocol([{ model: "a" }], spec(), fake);
const sums = () => rl.summarizeProtocol(records(), spec());
const config = (condition: Record<string, string | number>) => ({ condition, lr: 0.01, seed: 0 });

/** A sentiment data set of one review per split (the checks run before any training). */
function sentiment(ids = [2, 3]): rl.SentimentSplits {
  const ex: rl.SentimentExample = { id: "0", lang: "en", text: "a b", label: 1, phenomena: [], tokens: ["a", "b"], ids };
  return { train: [ex], valid: [ex], test: [ex], vocabSize: 5 };
}

describe("experiments: intervals, verdicts and sizes refuse bad arguments by name", () => {
  it("tQuantile975, summarize, compareIntervals and formatInterval name the argument and what they got", () => {
    assert.throws(() => rl.tQuantile975(Symbol("x") as unknown as number), /^Error: tQuantile975: df must be a positive integer, got Symbol\(x\) \(symbol\)$/);
    assert.throws(() => rl.summarize("12" as unknown as number[]), /summarize: values must be an array of at least 2 finite numbers, got "12" \(string\)/);
    assert.throws(() => rl.compareIntervals(iv(), { lo: 0, hi: 1 } as rl.Interval), /compareIntervals: b\.n must be a positive integer, got undefined/);
    assert.throws(() => rl.compareIntervals({ ...iv(), lo: 2 }, iv()), /compareIntervals: a\.hi must be a finite number ≥ 2, got 0\.8/);
    assert.throws(() => rl.formatInterval(iv(), 101), /formatInterval: digits must be a non-negative integer ≤ 100, got 101/);
  });

  it("verdict checks its names, intervals and options (a misspelt option is refused, not ignored)", () => {
    assert.throws(() => rl.verdict("", iv(), "B", iv()), /verdict: nameA must be a non-empty string, got ""/);
    assert.throws(() => rl.verdict("A", iv(), "B", [] as unknown as rl.Interval), /verdict: b must be an object \{ n, mean, sd, lo, hi, values \}/);
    assert.throws(() => rl.verdict("A", iv(), "B", iv(), { metrc: "BLEU" } as rl.VerdictOptions), /verdict: unknown option metrc in opts/);
    assert.throws(() => rl.verdict("A", iv(), "B", iv(), { metric: null } as unknown as rl.VerdictOptions), /verdict: opts\.metric must be a non-empty string, got null/);
    assert.throws(() => rl.verdict("A", iv(), "B", iv(), { higherIsBetter: 0 } as unknown as rl.VerdictOptions), /verdict: opts\.higherIsBetter must be true or false, got 0/);
  });

  it("recurrentParams, matchedHiddenSize and stepFlops accept only the three cells and sizes", () => {
    assert.throws(() => rl.recurrentParams("constructor" as rl.CellKind, 4, 8), /recurrentParams: cell must be one of "rnn", "gru", "lstm", got "constructor"/);
    assert.throws(() => rl.matchedHiddenSize("gru", 4, 1e300), /matchedHiddenSize: target must be a finite number > 0 and ≤ 1000000000000, got 1e\+300/);
    assert.throws(() => rl.matchedHiddenSize("gru", 0, 100), /matchedHiddenSize: inputSize must be a positive integer, got 0/);
    assert.throws(() => rl.stepFlops("lstm", 4, 8, 2, Symbol("T") as unknown as number), /stepFlops: steps must be a positive integer, got Symbol\(T\)/);
  });

  it("timeTrainingStep refuses a cell it does not know (it used to time an RNN) and sizes too large to allocate", () => {
    assert.throws(() => rl.timeTrainingStep("cnn" as rl.CellKind, 4), /timeTrainingStep: cell must be one of "rnn", "gru", "lstm", got "cnn"/);
    assert.throws(() => rl.timeTrainingStep("gru", 4, { batchSize: 2 } as rl.StepTimeOptions), /timeTrainingStep: unknown option batchSize in opts/);
    assert.throws(() => rl.timeTrainingStep("gru", 4, { steps: 1e6, batch: 1e6 }), /timeTrainingStep: steps = 1000000, batch = 1000000 and inputSize = 32 makes the input batch/);
  });
});

describe("experiments: the protocol refuses bad specs, records and summaries by name", () => {
  it("runProtocol checks the spec and what run returns", () => {
    assert.throws(() => rl.runProtocol([{ model: "a" }], { lrGrid: [0.01], seeds: [1, 1] }, fake), /runProtocol: spec\.seeds must be distinct seeds, got \[1, 1\]/);
    assert.throws(() => rl.runProtocol([{ model: "a" }], { lrGrid: [0.01], seeds: [0, 1], higherIsbetter: false } as rl.ProtocolSpec, fake), /runProtocol: unknown key higherIsbetter in spec/);
    assert.throws(() => rl.runProtocol([{ model: "a" }], spec(), () => 1 as unknown as rl.RunRecord), /runProtocol: run\(\{"condition":\{"model":"a"\},"lr":0\.01,"seed":0\}\) must be an object \{ config, val/);
    assert.throws(() => rl.runProtocol([{ model: "a" }], spec(), (c) => fake({ ...c, seed: 7 })), /runProtocol: run\(.*\) must return a record of that config, got one of .*"seed":7/);
    assert.throws(() => rl.runProtocol([{ model: null }] as unknown as Record<string, string>[], spec(), fake), /runProtocol: conditions\[0\]\.model must be a string or a finite number, got null/);
  });

  it("chooseLearningRates, summarizeProtocol, conditionKey and findCondition check records, specs and conditions", () => {
    const bad = records();
    bad[1] = { ...bad[1], val: NaN };
    assert.throws(() => rl.chooseLearningRates(bad, spec()), /chooseLearningRates: records\[1\]\.val must be a finite number, got NaN/);
    assert.throws(() => rl.summarizeProtocol(records(), { lrGrid: [0.01], seeds: [0] }), /summarizeProtocol: spec\.seeds must be an array of at least 2 entries, got \[0\] \(array\)/);
    assert.throws(() => rl.conditionKey("gru" as unknown as Record<string, string>), /conditionKey: condition must be an object/);
    assert.throws(() => rl.findCondition(sums(), { model: undefined } as unknown as Record<string, string>), /findCondition: where\.model must be a string or a finite number, got undefined/);
  });

  it("intervalRows, summaryRows and describeSummary name a missing or empty metric instead of using the test score", () => {
    assert.throws(() => rl.intervalRows(sums(), (c) => String(c.model), { metric: "" }), /intervalRows: metric must be undefined \(the test score\) or one of \["m"\], got ""/);
    assert.throws(() => rl.intervalRows(sums(), (c) => String(c.model), { scale: -1 }), /intervalRows: opts\.scale must be a finite number > 0, got -1/);
    assert.throws(() => rl.summaryRows(sums(), { metric: "x" }), /summaryRows: no metric "x" in \{"model":"a"\}; it has \["m"\]/);
    assert.throws(() => rl.describeSummary(sums()[0], ""), /describeSummary: metric must be undefined/);
    assert.equal(rl.describeSummary(sums()[0], "m"), rl.formatInterval(sums()[0].metrics.m));
  });

  it("summaryRows with sig prints each number with that many significant figures, unpadded", () => {
    const small = sums().map((s) => ({ ...s, test: { ...s.test, mean: 0.000271, sd: 0.000153, lo: 0.0000812, hi: 0.000461 } }));
    const row = rl.summaryRows(small, { sig: 2 })[0];
    assert.equal(row["test: mean"], "2.7e-4");
    assert.equal(row.sd, "1.5e-4");
    assert.equal(row["95 % interval"], "[8.1e-5, 4.6e-4]");
    assert.throws(() => rl.summaryRows(small, { sig: 2, digits: 3 }), /summaryRows: give opts.digits or opts.sig, not both/);
  });

  it("firstFailure wants one interval per x", () => {
    assert.throws(() => rl.firstFailure([10, 25], [iv()], () => true), /firstFailure: intervals must hold one interval per entry of xs \(2\), got 1/);
    assert.equal(rl.firstFailure([10, 25], [iv(), { ...iv(), hi: 0.9 }], (i) => i.hi < 0.85), 25);
    assert.throws(() => rl.firstFailure([10], [iv()], (() => 1) as unknown as () => boolean), /firstFailure: beats must return true or false, got 1 for intervals\[0\]/);
  });
});

describe("experiments: results files and data folders are named in every error", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-results-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("readResults names a missing file, a truncated one and a bad record in it", () => {
    assert.throws(() => rl.readResults(path.join(dir, "none.json")), /readResults: cannot read .*none\.json/);
    const text = rl.resultsJson("demo", spec(), records());
    fs.writeFileSync(path.join(dir, "cut.json"), text.slice(0, 80));
    assert.throws(() => rl.readResults(path.join(dir, "cut.json")), /readResults: the text of .*cut\.json is not valid JSON/);
    fs.writeFileSync(path.join(dir, "bad.json"), text.replace('"val":0.01', '"val":"0.01"'));
    assert.throws(() => rl.readResults(path.join(dir, "bad.json")), /readResults \(.*bad\.json\): results\.records\[0\]\.val must be a finite number, got "0\.01" \(string\)/);
    fs.writeFileSync(path.join(dir, "good.json"), text);
    assert.ok(rl.sameRecord(rl.readResults(path.join(dir, "good.json")).records[0], records()[0]));
  });

  it("resultsPath, assertSameComputation, sentimentSplits and translationSplits check their arguments", () => {
    assert.throws(() => rl.resultsPath("data", "../secret"), /resultsPath: sweep must be a sweep name of letters, digits/);
    assert.throws(() => rl.assertSameComputation({ sweep: "x", spec: spec(), records: [] } as unknown as rl.ResultsFile), /assertSameComputation: results\.computedWith must be an object/);
    assert.throws(() => rl.sentimentSplits(path.join(dir, "nowhere")), /sentimentSplits: dataDir must be the data folder/);
    assert.throws(() => rl.translationSplits(dir), /translationSplits: cannot load the splits from/);
  });
});

describe("experiments: runners refuse a bad config before training", () => {
  it("runSentiment checks the data, the condition's keys, model and hidden (a string is not a size)", () => {
    assert.throws(() => rl.runSentiment(sentiment([2, 9]), config({ model: "gru", hidden: 4 })), /runSentiment: data\.train\[0\]\.ids\[1\] must be an id in \[0, 5\), got 9/);
    assert.throws(() => rl.runSentiment(sentiment(), config({ model: "gru", hidden: "4" })), /runSentiment: config\.condition\.hidden must be a positive integer, got "4" \(string\)/);
    assert.throws(() => rl.runSentiment(sentiment(), config({ model: "gru", hidden: 4, layers: 2 })), /runSentiment: unknown key layers in config\.condition; known: model, hidden/);
    assert.throws(() => rl.runSentiment(sentiment(), config({ model: "bow", hidden: 8 })), /runSentiment: config\.condition\.hidden must be 0 or absent for model "bow"/);
    assert.throws(() => rl.runSentiment(sentiment(), { ...config({ model: "gru", hidden: 4 }), lr: -1 }), /runSentiment: config\.lr must be a finite number > 0, got -1/);
    assert.throws(() => rl.runSentiment(sentiment(), config({ model: "gru", hidden: 4 }), { onstep: () => undefined } as rl.RunHooks), /runSentiment: unknown option onstep in hooks/);
  });

  it("runAdding, runCopy and runTranslation check cells, lengths and sizes", () => {
    assert.throws(() => rl.runAdding(config({ cell: "cnn", T: 10, hidden: 4 })), /runAdding: config\.condition\.cell must be one of "rnn", "gru", "lstm", got "cnn"/);
    assert.throws(() => rl.runAdding(config({ cell: "gru", T: 1e9, hidden: 4 })), /runAdding: config\.condition\.T = 1000000000 makes the training inputs \[1000000000, 2048, 2\]/);
    assert.throws(() => rl.runCopy({ ...config({ cell: "gru", delay: 0 }) }), /runCopy: config\.condition\.delay must be a positive integer, got 0/);
    assert.throws(() => rl.runCopy({ ...config({ cell: "gru", delay: 3, hidden: 1.5 }) }), /runCopy: config\.condition\.hidden must be a positive integer, got 1\.5/);
    assert.throws(() => rl.runCopy({ ...config({ cell: "gru", delay: 3, H: 8 }) }), /runCopy: unknown key H in config\.condition; known: cell, delay, hidden/);
    assert.throws(() => rl.runCopy({ ...config({ cell: "gru", delay: 3 }), seed: 2 ** 32 - 1 }), /runCopy: config\.seed must be a non-negative integer ≤ 4294965295/);
    const v = rl.Vocab.build([["a", "b"]]);
    const ex = { id: "0", en: "a b", it: "a b", srcTokens: ["a", "b"], tgtTokens: ["a", "b"], srcIds: [4, 5], tgtIds: [1, 4, 5, 2] };
    assert.throws(() => rl.runTranslation({ train: [ex], valid: [ex], test: [ex], srcVocab: v, tgtVocab: v }, config({ model: "transformer", hidden: 4 })), /runTranslation: config\.condition\.model must be one of "rnn", "gru", "lstm", got "transformer"/);
    assert.throws(() => rl.runTranslation({ train: [{ ...ex, tgtIds: [1, 9] }], valid: [ex], test: [ex], srcVocab: v, tgtVocab: v }, config({ model: "gru", hidden: 4 })), new RegExp(`runTranslation: all\\.train\\[0\\]\\.tgtIds\\[1\\] must be an id in \\[0, ${v.size}\\), got 9`));
    assert.throws(() => rl.shortPairs({ train: [ex], valid: [ex], test: [ex], srcVocab: v, tgtVocab: v }, 0), /shortPairs: maxWords must be a positive integer, got 0/);
    assert.throws(() => rl.englishWords({} as { en: string }), /englishWords: e\.en must be a string, got undefined/);
    const model = new rl.Seq2Seq({ cell: "gru", srcVocabSize: v.size, tgtVocabSize: v.size + 1, embedDim: 2, hiddenSize: 3, rng: new rl.Rng(0) });
    assert.throws(() => rl.greedyBleu(model, [ex], v), new RegExp(`greedyBleu: tgtVocab must be the model's target vocabulary of ${v.size + 1} tokens, got one of ${v.size}`));
  });

  it("CopyTagger refuses a cell it does not know (it used to build a GRU) and batches of bad ids", () => {
    assert.throws(() => new rl.CopyTagger("cnn" as rl.CellKind, 4, 3, new rl.Rng(0)), /CopyTagger: cell must be one of "rnn", "gru", "lstm", got "cnn"/);
    assert.throws(() => new rl.CopyTagger("gru", 4, 3, 0 as unknown as rl.Rng), /CopyTagger: rng must be an Rng/);
    const tagger = new rl.CopyTagger("gru", 4, 3, new rl.Rng(0));
    const b = { x: rl.tensor([[0, 4]]), y: rl.tensor([[0, 1]]), mask: rl.tensor([[1, 1]]) };
    assert.throws(() => tagger.loss(b), /CopyTagger\.loss: b\.x must hold ids in \[0, 4\), got 4 at flat index 1/);
    assert.throws(() => rl.copyBatcher({ ...b, mask: rl.tensor([1, 1]) }), /copyBatcher: task\.mask must be \[L, B\] = \[1, 2\], got \[2\]/);
  });

  it("fitBestEpoch refuses fit's epochs and validation (it would ignore them) and names itself when a batch fails", () => {
    const tagger = new rl.CopyTagger("gru", 4, 3, new rl.Rng(0));
    const opts = { maxEpochs: 1, patience: 1, batchSize: 2, optimizer: new rl.SGD(tagger.parameters(), { lr: 0.1 }), validate: () => 0 };
    assert.throws(() => rl.fitBestEpoch(tagger, [1, 2], { ...opts, epochs: 3 } as rl.EarlyStoppingOptions<rl.CopyBatch>), /fitBestEpoch: unknown option epochs in opts/);
    assert.throws(() => rl.fitBestEpoch(tagger, [1, 2], { ...opts, batchSize: 0 }), /fitBestEpoch: batchSize must be a positive integer, got 0/);
    assert.throws(() => rl.fitBestEpoch(tagger, [1, 2], opts), /fitBestEpoch: epoch 1, step 1 fails; example 0 of data .* CopyTagger\.lossAndGrad: b must be an object/);
  });

  it("prefixPositive wants a two-class classifier and ids of its vocabulary", () => {
    const three = new rl.SequenceClassifier({ cell: "gru", vocabSize: 5, embedDim: 2, hiddenSize: 3, numClasses: 3, rng: new rl.Rng(0) });
    assert.throws(() => rl.prefixPositive(three, [1]), /prefixPositive: model must be a classifier of 2 classes \(negative, positive\), got one of 3/);
    const two = new rl.BagOfWordsClassifier({ vocabSize: 5, numClasses: 2, rng: new rl.Rng(0) });
    assert.throws(() => rl.prefixPositive(two, [1, 5]), /prefixPositive: ids\[1\] must be an id in \[0, 5\), got 5/);
    assert.equal(rl.prefixPositive(two, [1, 2]).length, 2);
  });
});
