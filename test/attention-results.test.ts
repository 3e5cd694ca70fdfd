// Notebook 10's stored comparison (scripts/experiments/attention.results.json): the protocol's shape, early stopping
// that really stopped, every band scored, and one stored run of seeds 1–4 re-run to the same bits.
import { strict as assert } from "assert";
import * as path from "path";
import { ATTENTION_BANDS, ATTENTION_RECIPE, Rng, bandMetric, compareIntervals, readResults, resultsPath, sameRecord, summarizeProtocol } from "../kernel-lib/src";
import { rerunInBackground } from "./record-reruns";

const DATA = path.join(__dirname, "..", "data");
const results = readResults(resultsPath(DATA, "attention"));
// one stored record of seeds 1–4, re-run in a child process started now (see record-reruns.ts)
const others = results.records.filter((r) => r.config.seed !== 0);
const pick = others[new Rng(20261207).int(others.length)];
const again = rerunInBackground("attention", pick.config);

describe("attention comparison (stored records of notebook 10)", function () {
  this.timeout(900_000);

  it("is the protocol: per model a rate chosen on validation from 3, seeds 0–4 at it; every band scored", () => {
    assert.deepEqual(results.spec.seeds, [0, 1, 2, 3, 4]);
    assert.deepEqual(results.spec.lrGrid, [0.003, 0.01, 0.03]);
    const sums = summarizeProtocol(results.records, results.spec);
    assert.deepEqual(sums.map((s) => s.condition.model), ["plain", "attention"]);
    assert.equal(results.records.length, 2 * (3 + 4));
    for (const r of results.records) {
      assert.ok(r.bestEpoch >= 1 && r.bestEpoch <= r.epochs && r.epochs <= ATTENTION_RECIPE.maxEpochs, JSON.stringify(r.config));
      for (const b of ATTENTION_BANDS) assert.ok(Number.isFinite(r.metrics[bandMetric(b)]), `${JSON.stringify(r.config)}: ${bandMetric(b)}`);
    }
  });

  it("the plain model stopped early at every seed (notebook 10 reports the attention runs that reached the cap)", () => {
    const plain = summarizeProtocol(results.records, results.spec).find((s) => s.condition.model === "plain")!;
    assert.deepEqual(plain.runs.filter((r) => r.bestEpoch === ATTENTION_RECIPE.maxEpochs).map((r) => JSON.stringify(r.config)), []);
  });
  it("attention beats the plain model on all test pairs and in every length band, with disjoint 95 % intervals", () => {
    const sums = summarizeProtocol(results.records, results.spec);
    const [plain, attn] = ["plain", "attention"].map((m) => sums.find((s) => s.condition.model === m)!);
    assert.equal(compareIntervals(attn.test, plain.test), "above");
    for (const b of ATTENTION_BANDS) assert.equal(compareIntervals(attn.metrics[bandMetric(b)], plain.metrics[bandMetric(b)]), "above", bandMetric(b));
  });

  it("re-runs one stored record of seeds 1–4 (the notebook re-runs seed 0) and gets the same bits", async () => {
    assert.ok(sameRecord(await again, pick), `re-run ${JSON.stringify(await again)}\nstored ${JSON.stringify(pick)}`);
  });
});
