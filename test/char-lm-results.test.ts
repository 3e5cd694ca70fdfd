// Notebook 09's stored comparison (scripts/experiments/char-lm.results.json): the protocol's shape, matched sizes, the
// budget it describes, every run against the bigram baseline, and one stored run of seeds 1–4 re-run to the same bits.
import { strict as assert } from "assert";
import * as path from "path";
import * as rl from "../kernel-lib/src";
import { charLMConditions } from "../scripts/experiments/sweeps";
import { rerunInBackground } from "./record-reruns";

const DATA = path.join(__dirname, "..", "data");
const results = rl.readResults(rl.resultsPath(DATA, "char-lm"));
// the cheapest stored record of seeds 1–4 (fewest rounds × recurrent parameters), re-run in a child process started now
// (see record-reruns.ts); the notebook re-runs the cheapest of all
const cost = (r: rl.RunRecord) => r.epochs * rl.recurrentParams(r.config.condition.model as rl.CellKind, rl.CHAR_LM_PROTOCOL.embedDim, Number(r.config.condition.hidden));
const pick = results.records.filter((r) => r.config.seed !== 0).reduce((a, b) => (cost(b) < cost(a) ? b : a));
const again = rerunInBackground("char-lm", pick.config);
const P = rl.CHAR_LM_PROTOCOL;

describe("char-LM comparison (stored records of notebook 09)", function () {
  this.timeout(900_000);
  const sums = rl.summarizeProtocol(results.records, results.spec);

  it("is the protocol: five models, per model a rate chosen on validation perplexity from 4, seeds 0–4 at it", () => {
    assert.deepEqual(results.spec, { lrGrid: [0.001, 0.003, 0.01, 0.03], seeds: [0, 1, 2, 3, 4], higherIsBetter: false });
    assert.deepEqual(sums.map((s) => s.condition), charLMConditions());
    assert.equal(results.records.length, 5 * (4 + 4));
    for (const s of sums) assert.equal(s.test.n, 5);
  });

  it("the matched RNN and GRU have the LSTM's recurrent parameters to within 1 %", () => {
    const target = rl.recurrentParams("lstm", P.embedDim, P.hiddenSize);
    const matched = sums.filter((s) => Number(s.condition.hidden) !== P.hiddenSize);
    assert.equal(matched.length, 2);
    for (const s of matched) {
      const n = rl.recurrentParams(s.condition.model as rl.CellKind, P.embedDim, Number(s.condition.hidden));
      assert.ok(Math.abs(n / target - 1) < 0.01, `${JSON.stringify(s.condition)}: ${n} against ${target}`);
    }
  });

  it("every record is consistent: best round within the rounds run, within the budget; bpc = log₂ perplexity", () => {
    for (const r of results.records) {
      const at = JSON.stringify(r.config);
      assert.ok(r.bestEpoch >= 1 && r.bestEpoch <= r.epochs && r.epochs <= P.maxRounds, at);
      assert.ok(r.epochs === P.maxRounds || r.epochs - r.bestEpoch === P.patience, `${at}: stopped at ${r.epochs} with best ${r.bestEpoch}`);
      assert.equal(r.metrics.bpc, Math.log2(r.test), at);
    }
  });

  it("every run beats the bigram baseline on the test stream", () => {
    const d = rl.charLMSplits();
    const bigram = Math.exp(rl.ngramBaseline(d.train, d.vocab.size, 2).crossEntropy(d.test));
    for (const r of results.records) assert.ok(r.test < bigram, `${JSON.stringify(r.config)}: ${r.test} ≥ ${bigram}`);
  });

  it("re-runs one stored record of seeds 1–4 (the notebook re-runs the cheapest) and gets the same bits", async () => {
    assert.ok(rl.sameRecord(await again, pick), `re-run ${JSON.stringify(await again)}\nstored ${JSON.stringify(pick)}`);
  });
});
