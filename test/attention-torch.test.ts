// Luong attention against PyTorch: the fixture written by test/fixtures/torch/make_attention_fixtures.py (float64, 1e-9).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Tensor, attentionBackward, attentionForward, fmtShape, tensor, unravel, zerosLike, type NestedArray } from "../kernel-lib/src";

const TOL = 1e-9;
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "torch", "attention_luong.json"), "utf8"));

function expectClose(what: string, got: Tensor, expected: NestedArray): void {
  const want = tensor(expected);
  assert.deepEqual(got.shape, want.shape, `${what}: shape ${fmtShape(got.shape)}, PyTorch has ${fmtShape(want.shape)}`);
  let worst = -1, worstErr = 0;
  for (let i = 0; i < want.size; i++) {
    const err = Math.abs(got.data[i] - want.data[i]) / Math.max(1, Math.abs(want.data[i]));
    if (!(err <= worstErr)) [worst, worstErr] = [i, err];
  }
  if (worst >= 0 && !(worstErr <= TOL)) assert.fail(`${what}: worst error ${worstErr.toExponential(2)} > ${TOL} at ${fmtShape(unravel(worst, want.shape))}: rnnlab ${got.data[worst]}, PyTorch ${want.data[worst]}`);
}

describe("PyTorch fixture: Luong attention (float64, 1e-9)", () => {
  it(`${fx.description}: alpha, context, h̃ and the gradients of S, Henc, Wa, Wc, bc`, () => {
    const p = { Wa: tensor(fx.Wa), Wc: tensor(fx.Wc), bc: tensor(fx.bc) };
    const f = attentionForward(tensor(fx.S), tensor(fx.Henc), tensor(fx.srcMask), p);
    expectClose("alpha", f.alpha, fx.alpha);
    expectClose("context", f.context, fx.context);
    expectClose("hTilde", f.hTilde, fx.hTilde);
    const g = { Wa: zerosLike(p.Wa), Wc: zerosLike(p.Wc), bc: zerosLike(p.bc) };
    const { dS, dHenc } = attentionBackward(tensor(fx.dHTilde), f.cache, g);
    expectClose("dS", dS, fx.dS);
    expectClose("dHenc", dHenc, fx.dHenc);
    expectClose("dWa", g.Wa, fx.dWa);
    expectClose("dWc", g.Wc, fx.dWc);
    expectClose("dbc", g.bc, fx.dbc);
  });
});
