// fit names the data set's example behind a failing batch (not a batch-local row), and checks its own options.
import { strict as assert } from "node:assert";
import { Rng, tensor } from "../tensor";
import { Dense } from "../layers";
import { mse } from "../losses";
import { SGD } from "../optim";
import { setDebug } from "../args";
import { fit } from "./fit";
import type { Trainable } from "./types";

interface Example { x: number[]; y: number }

function setUp(bad: number, value: number): { model: Trainable<Example[]>; data: Example[]; head: Dense } {
  const head = new Dense({ inputSize: 2, outputSize: 1, rng: new Rng(0) });
  const data: Example[] = Array.from({ length: 12 }, (_, i) => ({ x: [i / 12, 1 - i / 12], y: i % 3 }));
  data[bad] = { x: [value, 0], y: 1 };
  const model: Trainable<Example[]> = {
    parameters: () => head.parameters(),
    zeroGrad: () => head.zeroGrad(),
    lossAndGrad: (batch) => {
      const { loss, dPred } = mse(head.forward(tensor(batch.map((e) => e.x))), tensor(batch.map((e) => [e.y])));
      head.backward(dPred);
      return { loss };
    },
  };
  return { model, data, head };
}

describe("fit: errors name the data set's example", () => {
  afterEach(() => setDebug(false));

  it("a NaN input in example 7 is reported as example 7 of data, whatever its row in the shuffled batch", () => {
    const { model, data } = setUp(7, NaN);
    assert.throws(
      () => fit(model, data, { epochs: 1, batchSize: 4, optimizer: new SGD(model.parameters(), { lr: 0.1 }), rng: new Rng(3) }),
      (e: Error) => /^fit: epoch 1, step \d fails; example 7 of data \(its index in the data set; batch of 4 examples\) alone fails: Dense\.forward: x holds NaN at \[0, 0\]$/.test(e.message) && e.cause instanceof Error,
    );
  });

  it("a loss that overflows in example 10 is reported as example 10", () => {
    const { model, data } = setUp(10, 1e200);
    assert.throws(
      () => fit(model, data, { epochs: 1, batchSize: 6, optimizer: new SGD(model.parameters(), { lr: 0.1 }), rng: new Rng(1) }),
      /^Error: fit: the loss is Infinity at epoch 1, step \d; example 10 of data \(its index in the data set; batch of 6 examples\) alone gives the loss Infinity$/,
    );
  });

  it("refuses bad options with the option's name", () => {
    const { model, data } = setUp(0, 0);
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    assert.throws(() => fit(model, data, { epochs: 1, batchSize: 2, optimizer, clipNorm: -1 }), /^Error: fit: clipNorm must be a finite number > 0, got -1$/);
    assert.throws(() => fit(model, data, { epochs: 1, batchSize: 2, optimizer, rng: 42 as never }), /^Error: fit: rng must be an Rng/);
    assert.throws(() => fit(model, data, { epochs: 1, batchSize: 2, optimizer, shuffle: "no" as never }), /^Error: fit: shuffle must be true or false, got "no" \(string\)$/);
  });

  it("debug mode checks the weights after the step of an optimizer of the user's own", () => {
    const { model, data, head } = setUp(0, 0);
    const blowUp = { step: () => head.parameters()[0].value.data.fill(Infinity), zeroGrad: () => head.zeroGrad() };
    setDebug(true);
    assert.throws(() => fit(model, data, { epochs: 1, batchSize: 4, optimizer: blowUp }), /^Error: fit \(epoch 1, step 1: after optimizer\.step\(\)\): weight holds Infinity at \[0, 0\]$/);
  });
});
