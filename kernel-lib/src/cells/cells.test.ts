import { strict as assert } from "node:assert";
import { Activation, Rng, Tensor, zeros } from "../tensor";
import {
  CellParams, GruVariant, gruCellBackward, gruCellForward, initCellParams, lstmCellBackward, lstmCellForward,
  rnnCellBackward, rnnCellForward, zerosLikeParams, lstmCell, gruCell, rnnCell,
} from "./index";
import { assertGradMatches, rand, weightedSum } from "./fdcheck.test";

const B = 3, I = 4, H = 5;

function params(kind: "rnn" | "lstm" | "gru", rng: Rng): CellParams {
  const p = initCellParams(kind, I, H, { rng, forgetBias: null });
  // larger weights than the default init so every gate is away from linear
  for (const t of Object.values(p) as Tensor[]) for (let i = 0; i < t.size; i++) t.data[i] *= 2;
  return p;
}

function checkAll(label: string, p: CellParams, inputs: Record<string, Tensor>, grads: CellParams, dInputs: Record<string, Tensor>, loss: () => number): void {
  for (const [k, t] of Object.entries(inputs)) assertGradMatches(`${label} d${k}`, dInputs[k], loss, t);
  for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) assertGradMatches(`${label} ${k}`, grads[k], loss, p[k]);
}

describe("cells: hand-derived backward passes match central differences (float64, worst rel. error < 1e-6)", () => {
  for (const act of ["tanh", "relu", "sigmoid"] as Activation[]) {
    it(`rnnCellBackward (${act}) w.r.t. x, h and every parameter`, () => {
      const rng = new Rng(11);
      const p = params("rnn", rng);
      const x = rand([B, I], rng), h = rand([B, H], rng), w = rand([B, H], rng);
      const loss = () => weightedSum(rnnCellForward(x, h, p, act).h, w);
      const { cache } = rnnCellForward(x, h, p, act);
      const grads = zerosLikeParams(p);
      const { dx, dh } = rnnCellBackward(w, cache, grads);
      checkAll(`rnn-${act}`, p, { x, h }, grads, { x: dx, h: dh }, loss);
    });
  }
  it("lstmCellBackward w.r.t. x, h, c and every parameter", () => {
    const rng = new Rng(12);
    const p = params("lstm", rng);
    const x = rand([B, I], rng), h = rand([B, H], rng), c = rand([B, H], rng);
    const wh = rand([B, H], rng), wc = rand([B, H], rng);
    const loss = () => { const o = lstmCellForward(x, h, c, p); return weightedSum(o.h, wh) + weightedSum(o.c, wc); };
    const { cache } = lstmCellForward(x, h, c, p);
    const grads = zerosLikeParams(p);
    const d = lstmCellBackward(wh, wc, cache, grads);
    checkAll("lstm", p, { x, h, c }, grads, { x: d.dx, h: d.dh, c: d.dc }, loss);
  });
  for (const variant of ["reset-after", "classic"] as GruVariant[]) {
    it(`gruCellBackward (${variant}) w.r.t. x, h and every parameter`, () => {
      const rng = new Rng(13);
      const p = params("gru", rng);
      const x = rand([B, I], rng), h = rand([B, H], rng), w = rand([B, H], rng);
      const loss = () => weightedSum(gruCellForward(x, h, p, variant).h, w);
      const { cache } = gruCellForward(x, h, p, variant);
      const grads = zerosLikeParams(p);
      const { dx, dh } = gruCellBackward(w, cache, grads);
      checkAll(`gru-${variant}`, p, { x, h }, grads, { x: dx, h: dh }, loss);
    });
  }
  it("the two GRU variants differ (so both are really exercised)", () => {
    const rng = new Rng(14);
    const p = params("gru", rng);
    const x = rand([B, I], rng), h = rand([B, H], rng);
    const a = gruCellForward(x, h, p, "reset-after").h, b = gruCellForward(x, h, p, "classic").h;
    assert.ok(a.data.some((v, i) => Math.abs(v - b.data[i]) > 1e-6));
  });
  it("backward passes ADD into the gradient buffers", () => {
    const rng = new Rng(15);
    const p = params("lstm", rng);
    const x = rand([B, I], rng), h = rand([B, H], rng), c = rand([B, H], rng), w = rand([B, H], rng);
    const { cache } = lstmCellForward(x, h, c, p);
    const once = zerosLikeParams(p), twice = zerosLikeParams(p);
    lstmCellBackward(w, null, cache, once);
    lstmCellBackward(w, null, cache, twice);
    lstmCellBackward(w, null, cache, twice);
    for (let i = 0; i < once.weight_hh.size; i++) assert.ok(Math.abs(twice.weight_hh.data[i] - 2 * once.weight_hh.data[i]) < 1e-12);
  });
});

describe("cells: forward values and bad input", () => {
  it("rnnCellForward equals the formula φ(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh) written as a plain loop", () => {
    const rng = new Rng(1);
    const p = params("rnn", rng);
    const x = rand([B, I], rng), h = rand([B, H], rng);
    const out = rnnCellForward(x, h, p, "tanh").h;
    for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) {
      let z = p.bias_ih.get(j) + p.bias_hh.get(j);
      for (let k = 0; k < I; k++) z += x.get(b, k) * p.weight_ih.get(j, k);
      for (let k = 0; k < H; k++) z += h.get(b, k) * p.weight_hh.get(j, k);
      assert.ok(Math.abs(out.get(b, j) - Math.tanh(z)) < 1e-14);
    }
  });
  it("initCellParams draws U(−1/√H, 1/√H), sets the LSTM forget bias, and one seed gives identical bytes", () => {
    const a = initCellParams("lstm", 10, 16, { rng: new Rng(5) });
    const b = initCellParams("lstm", 10, 16, { rng: new Rng(5) });
    assert.deepEqual(Buffer.from(a.weight_hh.data.buffer), Buffer.from(b.weight_hh.data.buffer));
    assert.deepEqual(a.weight_ih.shape, [64, 10]);
    assert.ok(a.weight_hh.data.every((v) => Math.abs(v) <= 0.25));
    for (let j = 16; j < 32; j++) { assert.equal(a.bias_ih.get(j), 1); assert.equal(a.bias_hh.get(j), 0); }
    assert.ok(a.bias_ih.get(0) !== 1);
    const c = initCellParams("lstm", 10, 16, { rng: new Rng(6) });
    assert.notDeepEqual(Array.from(a.weight_hh.data), Array.from(c.weight_hh.data));
  });
  it("wrong shapes name the function, the argument and both shapes", () => {
    const rng = new Rng(2);
    const p = initCellParams("lstm", 10, 8, { rng });
    assert.throws(() => lstmCellForward(zeros([32, 12]), zeros([32, 8]), zeros([32, 8]), p),
      { message: "lstmCellForward: x must be [B, I] = [32, 10], got [32, 12]" });
    assert.throws(() => lstmCellForward(zeros([32, 10]), zeros([31, 8]), zeros([32, 8]), p), /lstmCellForward: h must be \[B, H\] = \[32, 8\], got \[31, 8\]/);
    assert.throws(() => rnnCellForward(zeros([2, 10]), zeros([2, 8]), p), /rnnCellForward: weight_hh must be \[G·H, H\] = \[8, 8\], got \[32, 8\]/);
    assert.throws(() => rnnCellForward(zeros([2, 10]), zeros([2, 8]), initCellParams("rnn", 10, 8), "softplus" as Activation), /activation must be/);
    assert.throws(() => gruCell("cudnn" as GruVariant), /variant must be "reset-after" or "classic"/);
    assert.throws(() => lstmCell().step(zeros([2, 10]), { h: zeros([2, 8]) }, p), /lstmCell.step: state.c must be a Tensor/);
  });
  it("descriptors wrap the functional cells", () => {
    const rng = new Rng(3);
    const p = initCellParams("rnn", I, H, { rng });
    const x = rand([B, I], rng), h = rand([B, H], rng);
    const cell = rnnCell("relu");
    assert.deepEqual(cell.step(x, { h }, p).state.h.data, rnnCellForward(x, h, p, "relu").h.data);
    assert.equal(cell.name, "rnn-relu");
    assert.deepEqual(lstmCell().stateNames, ["h", "c"]);
  });
});
