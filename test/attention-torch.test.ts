// Luong attention against PyTorch: the fixture written by test/fixtures/torch/make_attention_fixtures.py (float64, 1e-9).
import { attentionBackward, attentionForward, tensor, zerosLike } from "../kernel-lib/src";
import { expectClose, loadTorchFixture } from "./torch-compare";

const fx = loadTorchFixture("attention_luong");

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
