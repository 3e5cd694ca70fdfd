// Notebook 08's headline claims, read from the protocol's stored records (06 and 07: claims-06-07.test.ts).
import { strict as assert } from "assert";
import * as path from "path";
import { ADDING_BASELINE_MSE } from "../kernel-lib/src/data";
import {
  readResults, resultsPath, summarizeProtocol, findCondition, compareIntervals, firstFailure, formatInterval, ConditionSummary,
} from "../kernel-lib/src/experiments";

const DATA = path.join(__dirname, "..", "data");

describe("claims of notebook 08 (adding problem and copy task, on the stored protocol records)", () => {
  // the records are re-run by sample in test/experiments.test.ts; notebook 08 re-runs three of them live
  const load = (sweep: string): ConditionSummary[] => {
    const r = readResults(resultsPath(DATA, sweep));
    return summarizeProtocol(r.records, r.spec);
  };
  const add = load("adding"), copy = load("copy");
  const lengths = [...new Set(add.map((s) => Number(s.condition.T)))];
  const delays = [...new Set(copy.map((s) => Number(s.condition.delay)))];
  const addAt = (cell: string, T: number) => findCondition(add, { cell, T }).test;
  const copyAt = (cell: string, delay: number) => findCondition(copy, { cell, delay }).test;
  const addStop = (cell: string) => firstFailure(lengths, lengths.map((T) => addAt(cell, T)), (iv) => iv.hi < ADDING_BASELINE_MSE);
  const copyStop = (cell: string) => firstFailure(delays, delays.map((d) => copyAt(cell, d)), (iv) => iv.lo > 0.25);

  it("adding problem: the baseline 1/6 stops being beaten at T = 25 by the vanilla RNN, at T = 100 by the LSTM, never by the GRU", () => {
    assert.equal(addStop("rnn"), 25);
    assert.equal(addStop("lstm"), 100, `LSTM at ${lengths.map((T) => formatInterval(addAt("lstm", T), 4)).join(", ")}`);
    assert.equal(addStop("gru"), null, `GRU at ${lengths.map((T) => formatInterval(addAt("gru", T), 4)).join(", ")}`);
  });
  it("adding problem: at no length is the LSTM's error measurably lower than the GRU's", () => {
    for (const T of lengths) assert.notEqual(compareIntervals(addAt("lstm", T), addAt("gru", T)), "below", `T = ${T}`);
  });
  it("copy task: the GRU beats chance at every delay; the LSTM falls to chance at the longest delay, below the vanilla RNN", () => {
    const last = delays[delays.length - 1];
    assert.equal(copyStop("gru"), null, `GRU at ${delays.map((d) => formatInterval(copyAt("gru", d))).join(", ")}`);
    assert.equal(copyStop("lstm"), 40, `LSTM at ${delays.map((d) => formatInterval(copyAt("lstm", d))).join(", ")}`);
    assert.equal(copyStop("rnn"), null, `RNN at ${delays.map((d) => formatInterval(copyAt("rnn", d))).join(", ")}`);
    assert.equal(compareIntervals(copyAt("rnn", last), copyAt("lstm", last)), "above");
  });
  it("copy task: at delays 10, 20 and 40 the GRU copies measurably better than the LSTM", () => {
    for (const d of [10, 20, 40]) assert.equal(compareIntervals(copyAt("gru", d), copyAt("lstm", d)), "above", `delay ${d}`);
  });
});
