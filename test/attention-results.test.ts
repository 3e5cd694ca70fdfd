// Notebook 10's stored comparison (scripts/attention/attention.results.json): its shape, and one stored run re-run to the same bits.
import { strict as assert } from "assert";
import * as path from "path";
import {
  ATTENTION_BANDS, ATTENTION_RECIPE, AttentionRunRecord, Rng, assertSameComputation, bandMetric, readResults,
  runAttentionComparison, sameRecord, summarizeProtocol, translationSplits,
} from "../kernel-lib/src"; // the package index: it installs the fast backend the records were computed with

const ROOT = path.join(__dirname, "..");
const results = readResults(path.join(ROOT, "scripts", "attention", "attention.results.json"));

describe("attention comparison (stored records of notebook 10)", function () {
  this.timeout(900_000);

  it("holds the plain and the attentional model, seeds 0–4 each, every band scored, under the recipe's rate", () => {
    assert.deepEqual(results.spec.seeds, [0, 1, 2, 3, 4]);
    assert.deepEqual(results.spec.lrGrid, [ATTENTION_RECIPE.lr]);
    const sums = summarizeProtocol(results.records, results.spec);
    assert.deepEqual(sums.map((s) => s.condition.model), ["plain", "attention"]);
    for (const r of results.records) {
      assert.equal(r.epochs, ATTENTION_RECIPE.epochs);
      for (const b of ATTENTION_BANDS) assert.ok(Number.isFinite(r.metrics[bandMetric(b)]), `${JSON.stringify(r.config)}: ${bandMetric(b)}`);
    }
  });

  it("re-runs one stored record of seeds 1–4 (the notebook re-runs seed 0) and gets the same bits", () => {
    assertSameComputation(results);
    const others = results.records.filter((r) => r.config.seed !== 0);
    const pick = others[new Rng(20261207).int(others.length)];
    const run = runAttentionComparison(translationSplits(path.join(ROOT, "data")), pick.config as AttentionRunRecord["config"]);
    assert.ok(sameRecord(run.record, pick), `re-run ${JSON.stringify(run.record)}\nstored ${JSON.stringify(pick)}`);
  });
});
