// Notebooks 06 and 07: their stored protocol records re-run bit for bit (a seeded sample), and their headline claims hold on them.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as rl from "../kernel-lib/src";
import { rerunInBackground } from "./record-reruns";

const DATA = path.join(__dirname, "..", "data");

/** The stored sweep with its summaries; refuses a file computed under another backend or precision. */
function stored(sweep: string): { res: rl.ResultsFile; sums: rl.ConditionSummary[] } {
  const file = rl.resultsPath(DATA, sweep);
  assert.ok(fs.existsSync(file), `${file} is missing: run npm run experiments -- ${sweep}`);
  const res = rl.readResults(file);
  return { res, sums: rl.summarizeProtocol(res.records, res.spec) };
}

/** `k` records drawn with a seeded permutation (RNNLAB_SAMPLE_SEED varies the sample; without it the sample is fixed). */
function sample(records: rl.RunRecord[], k: number, salt: number): rl.RunRecord[] {
  const seed = Number(process.env.RNNLAB_SAMPLE_SEED ?? 12);
  return new rl.Rng(seed * 1000 + salt).permutation(records.length).slice(0, k).map((i) => records[i]);
}

// one sampled record per sweep, re-run in a child process started now (see record-reruns.ts)
const reruns = (["sentiment", "translation"] as const).map((sweep, i) => {
  const { res, sums } = stored(sweep);
  const pick = sample(res.records, 1, i + 1)[0];
  return { sweep, res, sums, pick, again: rerunInBackground(sweep, pick.config) };
});

describe("stored records of notebooks 06 and 07 re-run to the same bits", function () {
  this.timeout(1_800_000);
  for (const { sweep, res, sums, pick, again } of reruns) {
    it(`${sweep}: every summary rests on all seeds at the chosen rate, and a sampled record re-runs exactly`, async () => {
      assert.equal(res.records.length, sums.length * (res.spec.lrGrid.length + res.spec.seeds.length - 1));
      assert.equal(JSON.stringify(await again), JSON.stringify(pick), `${JSON.stringify(pick.config)} re-ran to a different record`);
    });
  }
});

describe("claims of notebook 06 (sentiment), on its stored records", () => {
  let sums: rl.ConditionSummary[] = [];
  before(() => ({ sums } = stored("sentiment")));
  const S = (model: string, hidden: number) => rl.findCondition(sums, { model, hidden });
  it("no model's mean test accuracy exceeds 95 %: the data leave headroom", () => {
    for (const s of sums) assert.ok(s.test.mean <= 0.95, `${JSON.stringify(s.condition)}: mean ${s.test.mean}`);
  });
  it("on negation both gated models (H = 32) beat the bag of words, with disjoint 95 % intervals", () => {
    const bow = S("bow", 0).metrics.negation;
    for (const m of ["lstm", "gru"]) {
      const s = S(m, 32).metrics.negation;
      assert.equal(rl.compareIntervals(s, bow), "above", `${m}: [${s.lo}, ${s.hi}] against the bag of words' [${bow.lo}, ${bow.hi}]`);
    }
  });
});

describe("claims of notebook 07 (translation), on its stored records", () => {
  let sums: rl.ConditionSummary[] = [];
  before(() => ({ sums } = stored("translation")));
  it("every condition's test BLEU is known to within 4 points (95 % interval) and far above zero", () => {
    for (const s of sums) assert.ok(s.test.hi - s.test.lo < 0.04 && s.test.lo > 0.05, `${JSON.stringify(s.condition)}: ${rl.formatInterval(s.test)}`);
  });
  it("no run at a chosen rate had its best epoch at the last epoch allowed (one may still have trained all of them)", () => {
    const capped = sums.flatMap((s) => s.runs.filter((r) => r.bestEpoch === rl.TRANSLATION_PROTOCOL.maxEpochs).map((r) => JSON.stringify(r.config)));
    assert.deepEqual(capped, []);
  });
  it("LSTM and GRU: no difference we can measure in test BLEU, at the same H and with matched parameters", () => {
    const lstm = rl.findCondition(sums, { model: "lstm" }).test;
    for (const gru of sums.filter((s) => s.condition.model === "gru")) {
      assert.equal(rl.compareIntervals(gru.test, lstm), "overlap", `GRU H = ${gru.condition.hidden}: ${rl.formatInterval(gru.test)} vs LSTM ${rl.formatInterval(lstm)}`);
    }
  });
});
