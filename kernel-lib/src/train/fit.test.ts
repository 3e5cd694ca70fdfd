import { strict as assert } from "node:assert";
import { Rng, Tensor, tensor } from "../tensor";
import { Dense } from "../layers/dense";
import { mse } from "../losses";
import { Adam, SGD } from "../optim";
import { Batcher, StepRecord, Trainable, evaluate, fit } from "./index";
import { backendEnvironments } from "../index";

interface Example { x: number[]; y: number }

/** y = 2 x₀ − x₁ + 0.5 + small noise, from a seed. */
function regressionData(n: number, rng: Rng): Example[] {
  return Array.from({ length: n }, () => {
    const x = [rng.normal(), rng.normal()];
    return { x, y: 2 * x[0] - x[1] + 0.5 + 0.01 * rng.normal() };
  });
}

/** A linear regressor on a Dense layer with an MSE loss. */
function linearModel(seed: number): Trainable<Example[]> & { head: Dense } {
  const head = new Dense({ inputSize: 2, outputSize: 1, rng: new Rng(seed) });
  const run = (batch: Example[], train: boolean) => {
    const x = tensor(batch.map((e) => e.x));
    const y = tensor(batch.map((e) => [e.y]));
    const pred = head.forward(x);
    const { loss, dPred } = mse(pred, y);
    if (train) head.backward(dPred);
    return { loss, metrics: { absErr: Math.sqrt(loss) } };
  };
  return {
    head,
    parameters: () => head.parameters(),
    zeroGrad: () => head.zeroGrad(),
    lossAndGrad: (b) => run(b, true),
    loss: (b) => run(b, false),
  };
}

// the same tests on every backend configuration this machine has (reference, fast per native ISA, WebAssembly alone)
for (const env of backendEnvironments()) describe(`[${env.name}]`, () => {
  before(() => env.enter());
  after(() => env.exit());

describe("fit", () => {
  it("a tiny seeded regression learns: the epoch loss drops more than 10×", () => {
    const data = regressionData(64, new Rng(1));
    const model = linearModel(2);
    const h = fit(model, data, { epochs: 30, batchSize: 8, optimizer: new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 }), rng: new Rng(3) });
    assert.equal(h.epochs.length, 30);
    assert.equal(h.steps.length, 30 * 8);
    const first = h.epochs[0].loss;
    const last = h.epochs[29].loss;
    assert.ok(last < first / 10, `loss ${first} → ${last}`);
    assert.ok(Math.abs(model.head.params.weight.data[0] - 2) < 0.05);
    assert.ok(typeof h.epochs[0].absErr === "number");
  });

  it("the same seed gives identical History bytes; another shuffle seed differs", () => {
    const run = (shuffleSeed: number) => {
      const model = linearModel(2);
      const h = fit(model, regressionData(40, new Rng(1)), { epochs: 3, batchSize: 7, optimizer: new Adam(model.parameters(), { lr: 0.01 }), rng: new Rng(shuffleSeed) });
      return JSON.stringify(h);
    };
    assert.equal(run(4), run(4));
    assert.notEqual(run(4), run(5));
  });

  it("records the gradient norm before clipping, and clipNorm bounds the update", () => {
    const data = regressionData(16, new Rng(1)).map((e) => ({ ...e, y: e.y * 1000 }));
    const model = linearModel(2);
    const before = model.parameters().flatMap((p) => Array.from(p.value.data));
    const h = fit(model, data, { epochs: 1, batchSize: 16, shuffle: false, optimizer: new SGD(model.parameters(), { lr: 1 }), clipNorm: 0.5 });
    assert.ok(h.steps[0].gradNorm > 100, `gradNorm ${h.steps[0].gradNorm}`);
    const after = model.parameters().flatMap((p) => Array.from(p.value.data));
    const moved = Math.hypot(...after.map((w, i) => w - before[i]));
    assert.ok(Math.abs(moved - 0.5) < 1e-6, `the step moved the parameters by ${moved}, expected lr · maxNorm = 0.5`);
  });

  it("clipValue clamps each gradient element before the step", () => {
    const data = regressionData(8, new Rng(1)).map((e) => ({ ...e, y: e.y * 100 }));
    const model = linearModel(2);
    fit(model, data, { epochs: 1, batchSize: 8, shuffle: false, optimizer: new SGD(model.parameters(), { lr: 1 }), clipValue: 0.25 });
    assert.ok(model.parameters().every((p) => p.grad.data.every((g) => Math.abs(g) <= 0.25)));
  });

  it("reports through callbacks, validates per epoch, and stops when a callback returns false", () => {
    const data = regressionData(20, new Rng(1));
    const model = linearModel(2);
    const seen: StepRecord[] = [];
    const h = fit(model, data, {
      epochs: 10, batchSize: 5, optimizer: new SGD(model.parameters(), { lr: 0.05 }), rng: new Rng(0),
      validation: data.slice(0, 10),
      onStep: (s) => { seen.push(s); },
      onEpoch: (e) => e.epoch < 2,
    });
    assert.equal(h.epochs.length, 2);
    assert.equal(seen.length, 8);
    assert.deepEqual(seen.map((s) => s.step), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.ok(typeof h.epochs[1].valLoss === "number" && typeof h.epochs[1].valAbsErr === "number");
    assert.ok(Math.abs(h.epochs[1].valLoss! - evaluate(model, data.slice(0, 10)).loss) < 1e-12);
  });

  it("accepts a Batcher that builds tensors, and rejects bad options", () => {
    const xs = tensor([[1, 0], [0, 1], [1, 1], [2, 1]]);
    const ys = [2, -1, 1, 3];
    const head = new Dense({ inputSize: 2, outputSize: 1, rng: new Rng(0) });
    const batcher: Batcher<{ x: Tensor; y: Tensor }> = {
      size: 4,
      batch: (idx) => ({ x: tensor(idx.map((i) => [xs.get(i, 0), xs.get(i, 1)])), y: tensor(idx.map((i) => [ys[i]])) }),
    };
    const model: Trainable<{ x: Tensor; y: Tensor }> = {
      parameters: () => head.parameters(),
      zeroGrad: () => head.zeroGrad(),
      lossAndGrad: ({ x, y }) => {
        const { loss, dPred } = mse(head.forward(x), y);
        head.backward(dPred);
        return { loss };
      },
    };
    const h = fit(model, batcher, { epochs: 200, batchSize: 2, optimizer: new Adam(model.parameters(), { lr: 0.05 }), rng: new Rng(1) });
    assert.ok(h.epochs[199].loss < h.epochs[0].loss / 10);
    const opt = new SGD(model.parameters(), { lr: 0.1 });
    assert.throws(() => fit(model, batcher, { epochs: 1, batchSize: 0, optimizer: opt }), /fit: batchSize must be a positive integer, got 0/);
    assert.throws(() => fit(model, [], { epochs: 1, batchSize: 1, optimizer: opt }), /fit: data is empty/);
    const nanModel = { ...model, lossAndGrad: () => ({ loss: NaN }) };
    assert.throws(() => fit(nanModel, batcher, { epochs: 1, batchSize: 2, optimizer: opt }), /fit: the loss is NaN at epoch 1, step 1/);
  });
});
});
