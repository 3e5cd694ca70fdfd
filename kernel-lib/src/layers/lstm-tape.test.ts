// The LSTM layer's tape path (flat buffers, reused between calls) gives the functional unroll + bptt's bits.
import { strict as assert } from "node:assert";
import { Rng, Tensor, randn } from "../tensor";
import { lstmCell, zerosLikeParams } from "../cells";
import { bptt, maskFromLengths, unroll } from "../seq";
import { LSTM } from "./lstm";
import { backendEnvironments } from "../index";

function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}: element ${i} differs: ${a[i]} vs ${b[i]}`);
}

// the same tests on every backend configuration this machine has (reference, fast per native ISA, WebAssembly alone)
for (const env of backendEnvironments()) describe(`[${env.name}]`, () => {
  before(() => env.enter());
  after(() => env.exit());

describe("LSTM layer tape path", () => {
  // sizes change between calls so a reused buffer of the wrong size would show; small products run the JS offset
  // kernels, H = 32 with B = 3 (3·128·32 multiply-adds) the WebAssembly step products
  const runs: { T: number; B: number; lengths?: number[]; state: boolean }[] = [
    // an unmasked run then masked runs of the same sizes: the reused BPTT workspace is left unzeroed without a mask
    { T: 20, B: 1, state: false }, { T: 20, B: 1, state: true }, { T: 7, B: 3, state: false }, { T: 7, B: 3, lengths: [7, 4, 1], state: true },
    { T: 7, B: 3, lengths: [2, 7, 5], state: false }, { T: 20, B: 1, state: false }, { T: 600, B: 1, state: true },
  ];
  it("forward and backward equal unroll + bptt bit for bit over calls of changing sizes and masks", () => {
    const rng = new Rng(3);
    for (const H of [16, 5, 32]) {
      const I = 4;
      const layer = new LSTM({ inputSize: I, hiddenSize: H, rng });
      for (const { T, B, lengths, state } of runs) {
        const x = randn([T, B, I], { rng });
        const dOut = randn([T, B, H], { rng });
        const s0 = state ? { h: randn([B, H], { rng }), c: randn([B, H], { rng }) } : null;
        const dS = state ? { h: randn([B, H], { rng }), c: randn([B, H], { rng }) } : null;
        const mask = lengths ? maskFromLengths(lengths, T) : null;
        const what = `H ${H} T ${T} B ${B}${lengths ? " masked" : ""}`;
        const f = unroll(lstmCell(), layer.cellParams, x, s0, mask);
        const grads = zerosLikeParams(layer.cellParams);
        const b = bptt(lstmCell(), f.caches, dOut, dS, grads);
        layer.zeroGrad();
        const lf = layer.forward(x, s0, mask);
        const lb = layer.backward(dOut, dS);
        sameBits(lf.outputs.data, f.outputs.data, `${what} outputs`);
        sameBits(lf.state.h.data, f.state.h.data, `${what} state.h`);
        sameBits((lf.state.c as Tensor).data, (f.state.c as Tensor).data, `${what} state.c`);
        assert.equal(lf.states.length, T);
        assert.equal(lf.states[T - 1], lf.state);
        for (let t = 0; t < T; t++) {
          sameBits(lf.states[t].h.data, f.states[t].h.data, `${what} states[${t}].h`);
          sameBits((lf.states[t].c as Tensor).data, (f.states[t].c as Tensor).data, `${what} states[${t}].c`);
        }
        sameBits(lb.dx.data, b.dx.data, `${what} dx`);
        sameBits(lb.dState0.h.data, b.dState0.h.data, `${what} dState0.h`);
        sameBits((lb.dState0.c as Tensor).data, (b.dState0.c as Tensor).data, `${what} dState0.c`);
        for (const k of ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] as const) sameBits(layer.cellGrads[k].data, grads[k].data, `${what} ${k}`);
        assert.deepEqual(lb.stepNorms, b.stepNorms, `${what} stepNorms`);
        // a second backward over the same forward adds the same gradients again (up to the order of the chunk sums)
        const once = layer.cellGrads.weight_hh.data.slice();
        layer.backward(dOut, dS);
        for (let i = 0; i < once.length; i++) assert.ok(Math.abs(layer.cellGrads.weight_hh.data[i] - 2 * once[i]) <= 1e-12 * (1 + Math.abs(once[i])), `${what} second backward`);
      }
    }
  });

  it("states read after a later forward still show their own run", () => {
    const rng = new Rng(4);
    const layer = new LSTM({ inputSize: 2, hiddenSize: 3, rng });
    const x1 = randn([5, 1, 2], { rng });
    const first = layer.forward(x1);
    const want = unroll(lstmCell(), layer.cellParams, x1).states;
    layer.forward(randn([5, 1, 2], { rng }));
    for (let t = 0; t < 5; t++) sameBits(first.states[t].h.data, want[t].h.data, `states[${t}].h`);
  });

  it("keeps the layer's errors: a bad dOutputs shape and a non-finite state0 are named", () => {
    const layer = new LSTM({ inputSize: 2, hiddenSize: 3, rng: new Rng(5) });
    const x = randn([4, 2, 2], { rng: new Rng(6) });
    const bad = { h: new Tensor(new Float64Array(6).fill(NaN), [2, 3]), c: randn([2, 3], { rng: new Rng(7) }) };
    assert.throws(() => layer.forward(x, bad), /LSTM\.forward: state0\.h holds NaN/);
    layer.forward(x);
    assert.throws(() => layer.backward(randn([4, 2, 2], { rng: new Rng(8) })), /LSTM\.backward: dOutputs/);
  });
});
});
