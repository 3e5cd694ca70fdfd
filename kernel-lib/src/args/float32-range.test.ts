// Under setPrecision("float32") every value a float32 product will read is refused by name when it lies beyond ±3.4e38
// (finite in float64, ±Infinity once rounded): weights set from outside or grown before the switch, initial states, the
// gradients entering a backward pass, Dense and attention operands, and (debug mode) an optimizer's update.
import { strict as assert } from "node:assert";
import { Dense, LSTM, GRU, Rng, SGD, Tensor, randn, setDebug, setPrecision, zeros } from "../index";
import { attentionForward } from "../models";

const BEYOND = /\(beyond float32's range ±3\.4e38, under setPrecision\("float32"\)\)$/;

/** Asserts `f` throws a plain Error whose message matches every pattern. */
function refuses(f: () => unknown, ...res: RegExp[]): void {
  assert.throws(f, (e: Error) => {
    assert.equal(e.constructor, Error, `expected a library Error, got ${e.constructor.name}: ${e.message}`);
    for (const re of res) assert.match(e.message, re);
    return true;
  });
}

describe("float32's range is checked where float32 values enter", () => {
  afterEach(() => { setPrecision("float64"); setDebug(false); });

  it("weights loaded from a state_dict beyond ±3.4e38: fine in float64, refused by name at the first float32 forward", () => {
    const sd = new LSTM({ inputSize: 3, hiddenSize: 4, rng: new Rng(0) }).toTorchStateDict() as Record<string, number[][]>;
    sd.weight_hh_l0[2][1] = 1e39;
    const lstm = LSTM.fromTorchStateDict(sd);
    const x = randn([2, 1, 3], { rng: new Rng(1) });
    assert.ok(lstm.forward(x).outputs.data.every(Number.isFinite));
    setPrecision("float32");
    refuses(() => lstm.forward(x), /^LSTM\.forward: weight_hh holds 1e\+39 at \[2, 1\] /, BEYOND);
    lstm.params.weight_hh_l0.data[2 * 4 + 1] = 3.4e38; // the largest float32 is 3.4028e38: in range
    assert.equal(lstm.forward(x).outputs.size, 8);
  });

  it("a weight grown before setPrecision(\"float32\") is refused at the next forward (the params option, a GRU)", () => {
    const p = new GRU({ inputSize: 2, hiddenSize: 3, rng: new Rng(0) });
    p.params.bias_ih_l0.data[4] = -5e38;
    const x = randn([3, 2, 2], { rng: new Rng(2) });
    p.forward(x);
    setPrecision("float32");
    refuses(() => p.forward(x), /^GRU\.forward: bias_ih holds -5e\+38 at \[4\] /, BEYOND);
  });

  it("an initial state, dOutputs and dState beyond the range are refused by name", () => {
    const lstm = new LSTM({ inputSize: 2, hiddenSize: 3, rng: new Rng(0) });
    const x = randn([2, 2, 2], { rng: new Rng(3) });
    const h = zeros([2, 3]);
    h.data[5] = 1e39;
    setPrecision("float32");
    refuses(() => lstm.forward(x, { h, c: zeros([2, 3]) }), /^LSTM\.forward: state0\.h holds 1e\+39 at \[1, 2\] /, BEYOND);
    lstm.forward(x);
    const dOut = zeros([2, 2, 3]);
    dOut.data[7] = -1e39;
    refuses(() => lstm.backward(dOut), /^LSTM\.backward: dOutputs holds -1e\+39 at \[1, 0, 1\] \(time step 1\) /, BEYOND);
    const dc = zeros([2, 3]);
    dc.data[0] = 4e38;
    refuses(() => lstm.backward(null, { c: dc }), /^LSTM\.backward: dState\.c holds 4e\+38 at \[0, 0\] /, BEYOND);
    setPrecision("float64");
    lstm.forward(x);
    assert.ok(lstm.backward(dOut).dx.data.every(Number.isFinite)); // float64: a large gradient is a gradient
  });

  it("Dense refuses an input, a weight and a dy beyond the range under float32 only", () => {
    const d = new Dense({ inputSize: 3, outputSize: 2, rng: new Rng(0) });
    const x = new Tensor(Float64Array.from([1, 2, 3, 4, 5e38, 6]), [2, 3]);
    d.forward(x);
    setPrecision("float32");
    refuses(() => d.forward(x), /^Dense\.forward: x holds 5e\+38 at \[1, 1\] /, BEYOND);
    d.params.weight.data[3] = 1e39;
    refuses(() => d.forward(zeros([2, 3])), /^Dense\.forward: weight holds 1e\+39 at \[1, 0\] /, BEYOND);
    d.params.weight.data[3] = 0.5;
    d.forward(zeros([2, 3]));
    refuses(() => d.backward(new Tensor(Float64Array.from([0, 0, 0, -1e39]), [2, 2])), /^Dense\.backward: dy holds -1e\+39 at \[1, 1\] /, BEYOND);
  });

  it("attentionForward refuses its parameters beyond the range under float32", () => {
    const H = 2;
    const p = { Wa: randn([H, H], { rng: new Rng(0) }), Wc: randn([H, 2 * H], { rng: new Rng(1) }), bc: zeros([H]) };
    const S = randn([2, 1, H], { rng: new Rng(2) }), Henc = randn([3, 1, H], { rng: new Rng(3) });
    p.Wc.data[5] = 2e39;
    attentionForward(S, Henc, null, p);
    setPrecision("float32");
    refuses(() => attentionForward(S, Henc, null, p), /^attentionForward: Wc holds 2e\+39 at \[1, 1\] /, BEYOND);
  });

  it("in debug mode an update that leaves float32's range is named at its step (float64: a finite update is fine)", () => {
    const run = () => {
      const d = new Dense({ inputSize: 2, outputSize: 2, rng: new Rng(0) });
      d.params.weight.data[0] = 3e38;
      d.grads.weight.data[0] = -1;
      const opt = new SGD(d.parameters(), { lr: 1e38 });
      opt.step();
      return d.params.weight.data[0];
    };
    setDebug(true);
    assert.equal(run(), 4e38);
    setPrecision("float32");
    refuses(run, /^SGD\.step \(step 1: the update exploded, lr = 1e\+38, gradient finite\): weight holds 4e\+38 at \[0, 0\] /, BEYOND);
  });
});
