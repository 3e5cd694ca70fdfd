// The README's first-run demo: a small LSTM + Dense head learns the sign of a noisy sequence's sum; prints the learning curve.
import * as rl from "rnnlab";

const T = 12; // time steps
const I = 1; // input features
const H = 16; // hidden units
const C = 2; // classes: sum ≤ 0, sum > 0

interface Example { xs: number[]; label: number }

/** Sequences of N(0, 1) steps; the label says whether their sum is positive. */
function makeData(n: number, rng: rl.Rng): Example[] {
  return Array.from({ length: n }, () => {
    const xs = Array.from({ length: T }, () => rng.normal());
    return { xs, label: xs.reduce((s, v) => s + v, 0) > 0 ? 1 : 0 };
  });
}

/** Packs examples into a time-major batch: x [T, B, I] and targets [B]. */
function toBatch(examples: Example[]): { x: rl.Tensor; targets: number[] } {
  const B = examples.length;
  const x = rl.zeros([T, B, I]);
  examples.forEach((e, b) => e.xs.forEach((v, t) => x.set(v, t, b, 0)));
  return { x, targets: examples.map((e) => e.label) };
}

const dataRng = new rl.Rng(0);
const train = makeData(512, dataRng);
const valid = makeData(128, dataRng);

// The model: many-to-one, the head reads the LSTM's final hidden state.
const modelRng = new rl.Rng(1);
const lstm = new rl.LSTM({ inputSize: I, hiddenSize: H, rng: modelRng });
const head = new rl.Dense({ inputSize: H, outputSize: C, rng: modelRng });

function run(batch: Example[], backward: boolean): rl.BatchResult {
  const { x, targets } = toBatch(batch);
  const { state } = lstm.forward(x);
  const logits = head.forward(state.h); // [B, C]
  const { loss, dLogits } = rl.softmaxCrossEntropy(logits, targets);
  if (backward) {
    const dh = head.backward(dLogits);
    lstm.backward(rl.zeros([T, batch.length, H]), { h: dh });
  }
  return { loss, metrics: { accuracy: rl.accuracy(logits, targets) } };
}

const model: rl.Trainable<Example[]> = {
  parameters: () => [...lstm.parameters(), ...head.parameters()],
  zeroGrad: () => { lstm.zeroGrad(); head.zeroGrad(); },
  lossAndGrad: (batch) => run(batch, true),
  loss: (batch) => run(batch, false),
};

const history = rl.fit(model, train, {
  epochs: 20,
  batchSize: 32,
  optimizer: new rl.Adam(model.parameters(), { lr: 0.005 }),
  clipNorm: 5,
  rng: new rl.Rng(2),
  validation: valid,
});

// The learning curve as a table.
const fmt = (v: number | undefined, w: number) => (v === undefined ? "" : v.toFixed(4)).padStart(w);
console.log(`rnnlab demo: LSTM(${I}→${H}) + Dense(${H}→${C}) learns the sign of the sum of ${T} noisy steps`);
console.log(`${train.length} training and ${valid.length} validation sequences, Adam lr 0.005, batch 32, clipNorm 5\n`);
console.log("epoch      loss  accuracy   valLoss  valAccuracy");
for (const e of history.epochs) {
  console.log(`${String(e.epoch).padStart(5)}${fmt(e.loss, 10)}${fmt(e.accuracy, 10)}${fmt(e.valLoss, 10)}${fmt(e.valAccuracy, 13)}`);
}

// The same curve as an ASCII chart: * training loss, o validation loss, # both.
const rows = 10;
const series = [history.epochs.map((e) => e.loss), history.epochs.map((e) => e.valLoss ?? NaN)];
const all = series.flat().filter(Number.isFinite);
const [lo, hi] = [Math.min(...all), Math.max(...all)];
const rowOf = (v: number) => Math.round(((hi - v) / (hi - lo || 1)) * (rows - 1));
const grid = Array.from({ length: rows }, () => Array.from({ length: history.epochs.length }, () => "  "));
series.forEach((s, k) => s.forEach((v, col) => {
  if (!Number.isFinite(v)) return;
  const cell = grid[rowOf(v)][col];
  grid[rowOf(v)][col] = cell.trim() ? " #" : k === 0 ? " *" : " o";
}));
console.log("\nloss (* train, o validation, # both)");
grid.forEach((line, r) => {
  const label = r === 0 ? hi.toFixed(3) : r === rows - 1 ? lo.toFixed(3) : "";
  console.log(`${label.padStart(7)} |${line.join("")}`);
});
console.log(`${"".padStart(7)} +${"--".repeat(history.epochs.length)}`);
console.log(`${"".padStart(9)}${history.epochs.map((e) => String(e.epoch % 10)).join(" ")}   epoch`);
const last = history.epochs[history.epochs.length - 1];
console.log(`\nfinal validation accuracy ${(100 * (last.valAccuracy ?? 0)).toFixed(1)}% after ${history.steps.length} steps`);
