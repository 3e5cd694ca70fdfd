// The experiment protocol: intervals, verdict sentences, matched sizes, early stopping and the grid-then-seeds runner.
import { strict as assert } from "assert";
import {
  tQuantile975, summarize, compareIntervals, verdict, formatInterval, formatSig, recurrentParams, matchedHiddenSize, fitBestEpoch,
  runProtocol, summarizeProtocol, chooseLearningRates, gridEdge, protocolCaveats, RunConfig, RunRecord, runAdding, runCopy,
  resultsJson, ResultsFile, computedWithNow, assertSameComputation, sameRecord, readResults, resultsPath,
} from "../kernel-lib/src/experiments";
import * as fs from "fs";
import * as path from "path";
import "../kernel-lib/src/fast"; // registers the fast backend, which the notebooks and the sweep scripts use
import { getBackend, setBackend } from "../kernel-lib/src/backend";
import { precision, setPrecision } from "../kernel-lib/src/tensor/precision";
import { Rng, zeros } from "../kernel-lib/src/tensor";
import { SGD } from "../kernel-lib/src/optim";
import { intervalPlot } from "../kernel-lib/src/display";

/** P(|T| ≤ q) for Student's t with df degrees of freedom, by Simpson's rule on the density (an independent witness of the table). */
function tMass(q: number, df: number): number {
  const lg = (x: number) => { // log Γ by Lanczos (g = 7)
    const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
    x -= 1;
    let a = c[0];
    for (let i = 1; i < 9; i++) a += c[i] / (x + i);
    const t = x + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  };
  const k = Math.exp(lg((df + 1) / 2) - lg(df / 2)) / Math.sqrt(df * Math.PI);
  const f = (x: number) => k * (1 + (x * x) / df) ** (-(df + 1) / 2);
  const n = 20000, h = (2 * q) / n;
  let s = f(-q) + f(q);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(-q + i * h);
  return (s * h) / 3;
}

describe("experiments: intervals", () => {
  it("tQuantile975(df) leaves 95 % of Student's t inside ±t (df 1–40, checked by integrating the density)", () => {
    for (const df of [1, 2, 3, 4, 5, 9, 19, 30, 31, 40]) {
      const m = tMass(tQuantile975(df), df);
      assert.ok(Math.abs(m - 0.95) < (df === 1 ? 2e-4 : 1e-5), `df ${df}: mass ${m}`);
    }
    assert.throws(() => tQuantile975(0), /tQuantile975: df must be a positive integer, got 0/);
  });
  it("summarize gives mean, sample sd and mean ± t·sd/√n", () => {
    const s = summarize([1, 2, 3, 4, 5]);
    assert.equal(s.mean, 3);
    assert.ok(Math.abs(s.sd - Math.sqrt(2.5)) < 1e-15);
    assert.ok(Math.abs(s.hi - (3 + (2.7764451 * Math.sqrt(2.5)) / Math.sqrt(5))) < 1e-12);
    assert.throws(() => summarize([1]), /summarize: values must be an array of at least 2 finite numbers, got \[1\] \(array\)/);
    assert.throws(() => summarize([1, NaN]), /summarize: values\[1\] must be a finite number, got NaN/);
  });
  it("verdict says 'no difference we can measure' exactly when the intervals overlap", () => {
    const a = summarize([0.9, 0.91, 0.92, 0.9, 0.91]), b = summarize([0.8, 0.81, 0.8, 0.82, 0.81]), c = summarize([0.89, 0.93, 0.9, 0.92, 0.88]);
    assert.equal(compareIntervals(a, b), "above");
    assert.equal(compareIntervals(b, a), "below");
    assert.equal(compareIntervals(a, c), "overlap");
    assert.match(verdict("GRU", a, "LSTM", b, { metric: "accuracy" }), /^GRU has higher accuracy than LSTM, so GRU is better here/);
    assert.match(verdict("GRU", a, "LSTM", b, { metric: "MSE", higherIsBetter: false }), /so LSTM is better here/);
    assert.match(verdict("GRU", a, "LSTM", c, { metric: "accuracy" }), /^GRU and LSTM: no difference we can measure in accuracy/);
    assert.match(verdict("The GRU", a, "The LSTM", b, { metric: "accuracy" }), /^The GRU has higher accuracy than the LSTM, so the GRU is better here/);
    assert.match(verdict("the GRU", b, "the LSTM", a, { metric: "accuracy" }), /^The GRU has lower accuracy than the LSTM, so the LSTM is better here/);
  });
  it("verdict prints enough figures that disjoint intervals print disjoint ends and different intervals differ; never -0", () => {
    // notebook 08, adding problem T = 10: at 4 decimals both read "0.0001 [0.0000, 0.0001] against 0.0003 [0.0001, 0.0005]"
    const iv = (mean: number, lo: number, hi: number) => ({ n: 5, mean, sd: 0, lo, hi, values: [] as number[] });
    const gru = iv(9.0e-5, 5.0e-5, 1.3e-4), gruMatched = iv(5.6e-5, 4.6e-5, 6.6e-5), lstm = iv(2.7e-4, 9.0e-5, 4.6e-4);
    const opts = { metric: "test MSE", higherIsBetter: false, digits: 4 };
    const s1 = verdict("GRU", gru, "LSTM", lstm, opts), s2 = verdict("GRU", gruMatched, "LSTM", lstm, opts);
    assert.match(s1, /no difference we can measure/);
    assert.match(s2, /is better here \(0\.00006 \[0\.00005, 0\.00007\] against 0\.00027 \[0\.00009, 0\.00046\]/);
    assert.notEqual(s1.slice(s1.indexOf("(")), s2.slice(s2.indexOf("(")));
    assert.match(verdict("GRU", gruMatched, "LSTM", lstm, { ...opts, digits: { sig: 2 } }), /\(5\.6e-5 \[4\.6e-5, 6\.6e-5\] against 2\.7e-4 \[9\.0e-5, 4\.6e-4\]/);
    assert.equal(formatInterval(iv(0.00017, -0.00001, 0.00036), 4), "0.0002 [0.0000, 0.0004]");
    assert.equal(formatInterval(iv(0.067, -0.045, 0.178), { sig: 2 }), "0.067 [-0.045, 0.18]");
    assert.deepEqual([formatSig(0.000046213, 2), formatSig(0.0051789, 2), formatSig(0.16949, 3), formatSig(172.4, 2), formatSig(-0, 2)],
      ["4.6e-5", "0.0052", "0.169", "170", "0"]);
    assert.throws(() => formatInterval(gru, { sig: 0 }), /formatInterval: digits.sig must be a positive integer/);
  });
});

describe("experiments: sizes", () => {
  it("recurrentParams is G·H·(I + H + 2) and matchedHiddenSize lands within 5 % of the target", () => {
    assert.equal(recurrentParams("lstm", 16, 32), 6400);
    const target = recurrentParams("lstm", 16, 32);
    assert.equal(matchedHiddenSize("gru", 16, target), 38);
    for (const cell of ["rnn", "gru", "lstm"] as const) {
      const H = matchedHiddenSize(cell, 16, target);
      assert.ok(Math.abs(recurrentParams(cell, 16, H) / target - 1) < 0.05, `${cell} H ${H}`);
    }
    assert.equal(matchedHiddenSize("lstm", 16, target), 32);
  });
});

describe("experiments: early stopping", () => {
  // a one-parameter model: loss (w − 3)², SGD from w = 0; the validation score peaks when w is nearest 1
  const model = () => {
    const w = { name: "w", value: zeros([1]), grad: zeros([1]) };
    return {
      w,
      parameters: () => [w] as never,
      zeroGrad: () => { w.grad.data[0] = 0; },
      lossAndGrad: () => { const d = w.value.data[0] - 3; w.grad.data[0] += 2 * d; return { loss: d * d }; },
    };
  };
  it("restores the parameters of the best validation epoch and stops after `patience` epochs without a new best", () => {
    const m = model();
    const seen: number[] = [];
    const r = fitBestEpoch(m, [0], { maxEpochs: 30, patience: 3, batchSize: 1, optimizer: new SGD(m.parameters(), { lr: 0.1 }), rng: new Rng(0),
      validate: () => { seen.push(m.w.value.data[0]); return -Math.abs(m.w.value.data[0] - 1); } });
    const best = seen.reduce((bi, v, i) => (Math.abs(v - 1) < Math.abs(seen[bi] - 1) ? i : bi), 0);
    assert.equal(r.bestEpoch, best + 1);
    assert.equal(r.valScores.length, best + 1 + 3, "trained patience epochs past the best");
    assert.equal(m.w.value.data[0], seen[best], "the best epoch's weight is back in the model");
  });
});

describe("experiments: the protocol runner", () => {
  // a fake run: validation prefers lr 0.01 for "a" and 0.03 for "b"; test = val + seed/100
  const fake = (c: RunConfig): RunRecord => {
    const pref = c.condition.model === "a" ? 0.01 : 0.03;
    const val = 1 - Math.abs(Math.log(c.lr / pref));
    return { config: c, val, test: val + c.seed / 100, bestEpoch: 1, epochs: 1, metrics: { x: c.seed } };
  };
  const spec = { lrGrid: [0.003, 0.01, 0.03], seeds: [0, 1, 2, 3, 4] };
  it("runs the grid with the first seed, then the other seeds at the rate with the best validation score", () => {
    const recs = runProtocol([{ model: "a" }, { model: "b" }], spec, fake);
    assert.equal(recs.length, 2 * (3 + 4));
    const lr = chooseLearningRates(recs, spec);
    assert.deepEqual([...lr.values()], [0.01, 0.03]);
    const sum = summarizeProtocol(recs, spec);
    assert.deepEqual(sum.map((s) => s.runs.map((r) => r.config.seed)), [[0, 1, 2, 3, 4], [0, 1, 2, 3, 4]]);
    assert.deepEqual(sum[0].runs.map((r) => r.config.lr), [0.01, 0.01, 0.01, 0.01, 0.01]);
    assert.ok(Math.abs(sum[0].test.mean - 1.02) < 1e-12);
    assert.deepEqual(sum[1].metrics.x.values, [0, 1, 2, 3, 4]);
  });
  it("names the conditions whose chosen rate is an end of the grid, and the runs whose best epoch is the budget's last", () => {
    const sums = summarizeProtocol(runProtocol([{ model: "a" }, { model: "b" }], spec, fake), spec);
    assert.deepEqual(gridEdge(sums, spec).map((s) => s.condition.model), ["b"]);
    assert.deepEqual(gridEdge(sums, { ...spec, lrGrid: [0.001, 0.003, 0.01, 0.03, 0.1] }), []);
    const [cap, edge] = protocolCaveats(sums, spec, { maxEpochs: 1, label: (c) => `model ${c.model}` });
    assert.equal(cap, "Of the 10 runs, 10 had their best epoch at the last one allowed (1): they were still improving when the budget ended, so the comparison is one of models trained for this budget, not of fully trained ones.");
    assert.equal(edge, "The chosen rate is at an end of the grid (0.003, 0.01, 0.03) for model b (0.03): a rate beyond it might score higher, so read those rows as the best of this grid, not of the model.");
    const late = sums.map((s) => ({ ...s, runs: s.runs.map((r, i) => ({ ...r, bestEpoch: i === 2 ? 3 : 1, epochs: 3 })) }));
    assert.match(protocolCaveats(late, spec, { maxEpochs: 3, epochWord: "round" })[0], /^Of the 10 runs, 2 had their best round at the last one allowed \(3\): they were still improving .* their scores might still improve/);
    const single = late.map((s, j) => ({ ...s, runs: s.runs.map((r, i) => ({ ...r, bestEpoch: j === 0 && i === 2 ? 3 : 1 })) }));
    assert.match(protocolCaveats(single, spec, { maxEpochs: 3 })[0], /^Of the 10 runs, 1 had its best epoch at the last one allowed \(3\): it was still improving .* its score might/);
    assert.match(protocolCaveats(late, spec, { maxEpochs: 4 })[0], /^No run reached the last epoch allowed \(4\): every run stopped on its own\.$/);
    const stopped = late.map((s) => ({ ...s, runs: s.runs.map((r, i) => ({ ...r, bestEpoch: i < 2 ? 2 : 1, epochs: i < 3 ? 4 : 3 })) }));
    assert.equal(protocolCaveats(stopped, spec, { maxEpochs: 4 })[0], "Of the 10 runs, 6 trained all 4 epochs with an earlier best: the budget, not the patience, stopped them.");
    const one = late.map((s, k) => ({ ...s, runs: s.runs.map((r, i) => ({ ...r, bestEpoch: 1, epochs: k === 0 && i === 0 ? 4 : 3 })) }));
    assert.equal(protocolCaveats(one, spec, { maxEpochs: 4 })[0], "Of the 10 runs, 1 trained all 4 epochs with an earlier best: the budget, not the patience, stopped it.");
    assert.match(protocolCaveats(late, spec, { maxEpochs: 3 })[0], /improve with a larger budget\. Another 8 trained all 3 epochs with an earlier best/);
    assert.match(protocolCaveats(sums, { ...spec, lrGrid: [0.001, 0.003, 0.01, 0.03, 0.1] }, { maxEpochs: 9 })[1], /^Every chosen rate lies inside the grid/);
    assert.throws(() => protocolCaveats(sums, spec, { maxEpochs: 0 }), /protocolCaveats: opts.maxEpochs must be/);
  });
  it("refuses a summary with a missing seed", () => {
    const recs = runProtocol([{ model: "a" }], spec, fake).filter((r) => r.config.seed !== 3);
    assert.throws(() => summarizeProtocol(recs, spec), /no run of .* with seed 3/);
  });
});

describe("experiments: real runs are deterministic", function () {
  this.timeout(120_000);
  it("runAdding and runCopy give the same record, bit for bit, twice", () => {
    const a = { condition: { cell: "gru", T: 10, hidden: 8 }, lr: 0.01, seed: 3 };
    assert.equal(JSON.stringify(runAdding(a).record), JSON.stringify(runAdding(a).record));
    const c = { condition: { cell: "lstm", delay: 3 }, lr: 0.01, seed: 1 };
    assert.equal(JSON.stringify(runCopy(c).record), JSON.stringify(runCopy(c).record));
  });
});

describe("intervalPlot", () => {
  it("draws one dot per seed and one interval per model and panel, and refuses non-finite values", () => {
    const rows = ["LSTM", "GRU"].flatMap((label, i) => ["a", "b"].map((panel) => ({ label, panel, ...summarize([0.8 + i / 10, 0.82, 0.81]) })));
    const svg = intervalPlot(rows, { yLabel: "accuracy", title: "t", reference: 0.5 });
    assert.ok(svg.startsWith("<svg"));
    assert.equal((svg.match(/<circle/g) ?? []).length, 12);
    assert.throws(() => intervalPlot([{ label: "x", values: [NaN], mean: 0, lo: 0, hi: 0 }], { yLabel: "y" }), /intervalPlot: row 0/);
  });
  it("spreads the seeds of one model side by side, so five equal values show as five dots", () => {
    const svg = intervalPlot([{ label: "GRU", values: [1, 1, 1, 1, 1], mean: 1, lo: 1, hi: 1 }], { yLabel: "y" });
    // each seed position is its own group of dots, shifted by its own offset
    const shifts = new Set([...svg.matchAll(/<g transform="translate\(([-\d.]+),[-\d.]+\)"[^>]*aria-label="dot"/g)].map((m) => m[1]));
    assert.equal(shifts.size, 5, svg.slice(0, 400));
  });
});

describe("experiments: results files", () => {
  it("stamp the backend and precision, and assertSameComputation refuses a re-run under other ones", () => {
    const rec: RunRecord = { config: { condition: { cell: "gru" }, lr: 0.01, seed: 0 }, val: 0.1 + 0.2, test: 1 / 3, bestEpoch: 1, epochs: 2, metrics: {} };
    const file = JSON.parse(resultsJson("demo", { lrGrid: [0.01], seeds: [0, 1] }, [rec])) as ResultsFile;
    assert.deepEqual(file.computedWith, computedWithNow());
    assert.ok(sameRecord(file.records[0], rec), "numbers round-trip exactly");
    assertSameComputation(file);
    const other = file.computedWith.backend === "fast" ? "reference" : "fast";
    assert.throws(() => assertSameComputation({ ...file, computedWith: { ...file.computedWith, backend: other } }),
      new RegExp(`assertSameComputation: the demo records were computed with backend "${other}"`));
  });
});

describe("stored protocol results re-run bit for bit (a seeded random sample)", function () {
  this.timeout(900_000);
  // RNNLAB_SAMPLE_SEED varies the sample; without it the sample is the same on every run
  const sampleSeed = Number(process.env.RNNLAB_SAMPLE_SEED ?? 12);
  const sampleOf = (records: RunRecord[], k: number, salt: number): RunRecord[] =>
    new Rng(sampleSeed * 1000 + salt).permutation(records.length).slice(0, k).map((i) => records[i]);
  const DATA = path.join(__dirname, "..", "data");
  const cases: [string, number, (c: RunConfig) => RunRecord][] = [
    ["adding", 3, (c) => runAdding(c).record],
    ["copy", 3, (c) => runCopy(c).record],
    ["adding-matched", 2, (c) => runAdding(c).record],
    ["copy-matched", 2, (c) => runCopy(c).record],
  ];
  cases.forEach(([sweep, k, run], salt) => {
    it(`${sweep}: every summary rests on all seeds at the rate chosen on validation, and ${k} sampled records re-run to the same bits`, () => {
      const file = resultsPath(DATA, sweep);
      assert.ok(fs.existsSync(file), `${file} is missing: run node --import tsx scripts/experiments/parallel.ts ${sweep} 2`);
      const res = readResults(file);
      const sums = summarizeProtocol(res.records, res.spec);
      assert.equal(res.records.length, sums.length * (res.spec.lrGrid.length + res.spec.seeds.length - 1));
      // re-run under what computed the records (the same bits need the same backend and precision), then restore
      const before = { backend: getBackend(), precision: precision() };
      setBackend(res.computedWith.backend);
      setPrecision(res.computedWith.precision);
      try {
        assertSameComputation(res);
        for (const r of sampleOf(res.records, k, salt)) {
          const again = run(r.config);
          assert.equal(JSON.stringify(again), JSON.stringify(r), `${JSON.stringify(r.config)} re-ran to a different record`);
        }
      } finally {
        setBackend(before.backend);
        setPrecision(before.precision);
      }
    });
  });
});
