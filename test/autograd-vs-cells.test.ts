// The hand-derived cells and BPTT against the independent autograd: every gradient agrees to 1e-10.
import { strict as assert } from "assert";
import { Rng, Tensor, randn } from "../kernel-lib/src/tensor";
import { Activation } from "../kernel-lib/src/tensor";
import { CellKind, CellParams, GruVariant, RecurrentCell, gruCell, initCellParams, lstmCell, rnnCell, zerosLikeParams } from "../kernel-lib/src/cells";
import { bptt, maskFromLengths, unroll } from "../kernel-lib/src/seq";
import { Var, VarStep, ag, autogradCell } from "../kernel-lib/src/autograd";

const TOL = 1e-10;

/** `x Wᵀ + b` for PyTorch-layout weights `W [G·H, I]`, `b [G·H]`. */
const affine = (x: Var, W: Var, b: Var): Var => ag.add(ag.matmul(x, ag.transpose(W)), b);

const act = { tanh: ag.tanh, relu: ag.relu, sigmoid: ag.sigmoid };

/** The RNN cell written in autograd ops: h' = φ(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh). */
const rnnStep = (phi: Activation): VarStep => (x, s, p) => ({ h: act[phi](ag.add(affine(x, p.weight_ih, p.bias_ih), affine(s.h, p.weight_hh, p.bias_hh))) });

/** The LSTM cell in autograd ops: gates [i | f | g | o], c' = f∗c + i∗g, h' = o∗tanh(c'). */
const lstmStep: VarStep = (x, s, p) => {
  const z = ag.add(affine(x, p.weight_ih, p.bias_ih), affine(s.h, p.weight_hh, p.bias_hh));
  const [zi, zf, zg, zo] = ag.split(z, 4, 1);
  const c = ag.add(ag.mul(ag.sigmoid(zf), s.c!), ag.mul(ag.sigmoid(zi), ag.tanh(zg)));
  return { h: ag.mul(ag.sigmoid(zo), ag.tanh(c)), c };
};

/** The GRU cell in autograd ops, gates [r | z | n], h' = (1 − z)∗n + z∗h, in either formulation. */
const gruStep = (variant: GruVariant): VarStep => (x, s, p) => {
  const H = s.h.shape[1];
  const [xr, xz, xn] = ag.split(affine(x, p.weight_ih, p.bias_ih), 3, 1);
  const hrz = affine(s.h, ag.slice(p.weight_hh, 0, 0, 2 * H), ag.slice(p.bias_hh, 0, 0, 2 * H));
  const [hr, hz] = ag.split(hrz, 2, 1);
  const r = ag.sigmoid(ag.add(xr, hr));
  const z = ag.sigmoid(ag.add(xz, hz));
  const Whn = ag.slice(p.weight_hh, 0, 2 * H, 3 * H);
  const bhn = ag.slice(p.bias_hh, 0, 2 * H, 3 * H);
  const n = variant === "reset-after"
    ? ag.tanh(ag.add(xn, ag.mul(r, affine(s.h, Whn, bhn))))
    : ag.tanh(ag.add(xn, affine(ag.mul(r, s.h), Whn, bhn)));
  return { h: ag.add(ag.mul(ag.sub(1, z), n), ag.mul(z, s.h)) };
};

function maxDiff(a: Tensor, b: Tensor, what: string): number {
  assert.deepEqual(a.shape, b.shape, `${what}: shapes differ`);
  let d = 0;
  for (let i = 0; i < a.size; i++) d = Math.max(d, Math.abs(a.data[i] - b.data[i]));
  return d;
}

function assertClose(a: Tensor | number[], b: Tensor | number[], what: string): void {
  const ta = Array.isArray(a) ? new Tensor(Float64Array.from(a), [a.length]) : a;
  const tb = Array.isArray(b) ? new Tensor(Float64Array.from(b), [b.length]) : b;
  const d = maxDiff(ta, tb, what);
  assert.ok(d < TOL, `${what}: max |hand − autograd| = ${d.toExponential(2)} ≥ ${TOL}`);
}

interface Case { name: string; kind: CellKind; cell: RecurrentCell; step: VarStep }
const cases: Case[] = [
  { name: "RNN tanh", kind: "rnn", cell: rnnCell("tanh"), step: rnnStep("tanh") },
  { name: "RNN relu", kind: "rnn", cell: rnnCell("relu"), step: rnnStep("relu") },
  { name: "RNN sigmoid", kind: "rnn", cell: rnnCell("sigmoid"), step: rnnStep("sigmoid") },
  { name: "LSTM", kind: "lstm", cell: lstmCell(), step: lstmStep },
  { name: "GRU reset-after", kind: "gru", cell: gruCell("reset-after"), step: gruStep("reset-after") },
  { name: "GRU classic", kind: "gru", cell: gruCell("classic"), step: gruStep("classic") },
];

describe("hand-derived BPTT agrees with the autograd (1e-10)", () => {
  const T = 5, B = 3, I = 4, H = 6;
  for (const c of cases) {
    for (const masked of [false, true]) {
      it(`${c.name}${masked ? " with a padding mask" : ""}: outputs, final state, dx, dState0, parameter grads, step norms`, () => {
        const rng = new Rng(c.name.length * 31 + (masked ? 7 : 0));
        const p = initCellParams(c.kind, I, H, { rng });
        const hasC = c.kind === "lstm";
        const x = randn([T, B, I], { rng });
        const state0 = hasC ? { h: randn([B, H], { rng, std: 0.5 }), c: randn([B, H], { rng, std: 0.5 }) } : { h: randn([B, H], { rng, std: 0.5 }) };
        const dOut = randn([T, B, H], { rng });
        const dState = hasC ? { h: randn([B, H], { rng }), c: randn([B, H], { rng }) } : { h: randn([B, H], { rng }) };
        const mask = masked ? maskFromLengths([5, 2, 4], T) : undefined;

        const hand = unroll(c.cell, p, x, state0, mask);
        const grads: CellParams = zerosLikeParams(p);
        const back = bptt(c.cell, hand.caches, dOut, dState, grads);

        const ac = autogradCell(c.step, p as unknown as Record<string, Tensor>, { hiddenSize: H, cellState: hasC });
        const fwd = ac.forward(x, state0, mask);
        const ab = ac.backward(dOut, dState);

        assertClose(hand.outputs, fwd.outputs, "outputs");
        assertClose(hand.state.h, fwd.state.h, "final h");
        if (hasC) assertClose(hand.state.c!, fwd.state.c!, "final c");
        assertClose(back.dx, ab.dx, "dx");
        assertClose(back.dState0.h, ab.dState0.h, "dState0.h");
        if (hasC) assertClose(back.dState0.c!, ab.dState0.c!, "dState0.c");
        for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) assertClose(grads[k], ab.grads[k], k);
        assertClose(back.stepNorms.h, ab.stepNorms.h, "stepNorms.h");
        if (hasC) assertClose(back.stepNorms.c!, ab.stepNorms.c!, "stepNorms.c");
      });
    }
  }

  it("a deliberately wrong autograd cell (forget gate from the i block) is caught", () => {
    const rng = new Rng(99);
    const p = initCellParams("lstm", I, H, { rng });
    const x = randn([T, B, I], { rng });
    const wrong: VarStep = (xt, s, q) => {
      const z = ag.add(affine(xt, q.weight_ih, q.bias_ih), affine(s.h, q.weight_hh, q.bias_hh));
      const [zi, , zg, zo] = ag.split(z, 4, 1);
      const c = ag.add(ag.mul(ag.sigmoid(zi), s.c!), ag.mul(ag.sigmoid(zi), ag.tanh(zg)));
      return { h: ag.mul(ag.sigmoid(zo), ag.tanh(c)), c };
    };
    const hand = unroll(lstmCell(), p, x);
    const ac = autogradCell(wrong, p as unknown as Record<string, Tensor>, { hiddenSize: H, cellState: true });
    assert.ok(maxDiff(hand.outputs, ac.forward(x).outputs, "outputs") > 1e-3);
  });
});
