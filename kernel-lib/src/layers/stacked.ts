// Stacked and bidirectional RNN/LSTM/GRU layers with PyTorch's conventions, built from the single layers.
import { Activation, Rng, Tensor, checkShape, getRng, fmtShape } from "../tensor";
import type { CellKind, CellState, CellStateGrad, GruVariant, Module, Param } from "../cells";
import { RecurrentLayer } from "./recurrent";
import type { TorchStateJson } from "../interop/torch-params";
import { RNN } from "./rnn";
import { LSTM } from "./lstm";
import { GRU } from "./gru";
import { concatFeatures, featureSlice, reversalIndex, reverseSequences } from "./time-reverse";
import { SectionKind, withRnnlabSection } from "./rnnlab-section";
import { stackedPartsFromTorch } from "./stacked-from-torch";
import { argError, checkBoolean, checkInstance, checkInt, checkNumber, checkOneOf, checkSize, describe } from "../args";

/** Options of {@link StackedRecurrent}. Legend: L layers, D directions (1 or 2), H hidden, I input. */
export interface StackedOptions {
  /** `"rnn"`, `"lstm"` or `"gru"`. */
  kind: CellKind;
  /** I, features per step of the first layer. */
  inputSize: number;
  /** H, hidden units of every layer and direction. */
  hiddenSize: number;
  /** L (default 1); layer l > 0 reads the `[T, B, D·H]` outputs of layer l − 1 (PyTorch's `num_layers`). */
  numLayers?: number;
  /** D = 2 when true: each layer also runs a reverse-time copy and concatenates its outputs (PyTorch's `bidirectional`). */
  bidirectional?: boolean;
  /** GRU only: `"reset-after"` (default, PyTorch's) or `"classic"`. */
  variant?: GruVariant;
  /** RNN only: `"tanh"` (default), `"relu"` or `"sigmoid"`. */
  nonlinearity?: Activation;
  /** LSTM only: initial forget-gate bias (default 1, see `LSTM`). */
  forgetBias?: number | null;
  /** Gradient checkpointing segment length for every sub-layer (see `RecurrentLayerOptions`). */
  checkpointEvery?: number | null;
  /** Initialisation draws in PyTorch's order: layer 0 forward, layer 0 reverse, layer 1 forward, … */
  rng?: Rng;
}

/** `[B, H]` states stacked into `[N, B, H]` rows. */
function stackRows(ts: Tensor[]): Tensor {
  const [B, H] = ts[0].shape;
  const out = new Float64Array(ts.length * B * H);
  ts.forEach((t, i) => out.set(t.data, i * B * H));
  return new Tensor(out, [ts.length, B, H]);
}

/** `{ h [L·D, B, H], c? [L·D, B, H] }`, rows ordered as PyTorch's: layer 0 forward, layer 0 reverse, layer 1 forward, … */
export type StackedState = CellState;

const KIND_NAME: Record<CellKind, SectionKind> = { rnn: "RNN", lstm: "LSTM", gru: "GRU" };

/**
 * A multi-layer, optionally bidirectional recurrent layer, as `torch.nn.RNN/LSTM/GRU(num_layers=L, bidirectional=…)`:
 * `layers[l][0]` runs forward in time over the layer's input, `layers[l][1]` (bidirectional) over each sequence reversed
 * within its real steps (masks act as PyTorch's packed sequences: the reverse direction starts at each sequence's last
 * real step); their outputs are concatenated, `[T, B, D·H]`, and feed layer l + 1. Parameters and gradients are
 * keyed by PyTorch's names (`weight_ih_l1`, `bias_hh_l0_reverse`, …) and are the sub-layers' own tensors.
 * No dropout between layers.
 * @example
 * const enc = new StackedRecurrent({ kind: "lstm", inputSize: 8, hiddenSize: 16, numLayers: 2, bidirectional: true, rng: new Rng(0) });
 * const { outputs, state } = enc.forward(x);                // outputs [T, B, 32], state.h [4, B, 16]
 * const { dx, dState0, grads } = enc.backward(dOutputs);    // grads.weight_hh_l1_reverse …
 */
export class StackedRecurrent implements Module {
  readonly kind: CellKind;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly numDirections: 1 | 2;
  /** `layers[l][d]`: the single layer of layer l, direction d (0 forward, 1 reverse). */
  readonly layers: RecurrentLayer[][];
  /** Parameters under PyTorch's names (the sub-layers' tensors). */
  readonly params: Record<string, Tensor> = {};
  /** Gradients under PyTorch's names; backward ADDS into them. */
  readonly grads: Record<string, Tensor> = {};
  private last: { T: number; B: number; rev: Int32Array | null; mask: Tensor | null } | null = null;

  constructor(opts: StackedOptions & { layers?: RecurrentLayer[][] }) {
    const fn = "StackedRecurrent";
    if (!opts || typeof opts !== "object") throw new Error(`${fn}: expected options { kind, inputSize, hiddenSize, numLayers?, bidirectional? }, got ${describe(opts)}`);
    const { kind, inputSize: I, hiddenSize: H, numLayers: L = 1, bidirectional = false } = opts;
    if (kind !== "rnn" && kind !== "lstm" && kind !== "gru") throw new Error(`${fn}: kind must be "rnn", "lstm" or "gru", got ${describe(kind)}`);
    for (const [k, v] of [["inputSize", I], ["hiddenSize", H], ["numLayers", L]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`${fn}: ${k} must be a positive integer, got ${describe(v)}`);
    }
    // every option is checked here, so an error names StackedRecurrent, not the RNN/LSTM/GRU built inside
    for (const [k, v] of [["inputSize", I], ["hiddenSize", H]] as const) checkSize(fn, k, v);
    checkInt(fn, "numLayers", L, { min: 1, max: 1024 });
    checkBoolean(fn, "bidirectional", bidirectional);
    if (opts.nonlinearity !== undefined) checkOneOf(fn, "nonlinearity", opts.nonlinearity, ["tanh", "relu", "sigmoid"] as const);
    if (opts.variant !== undefined) checkOneOf(fn, "variant", opts.variant, ["reset-after", "classic"] as const);
    if (opts.forgetBias !== undefined && opts.forgetBias !== null) checkNumber(fn, "forgetBias", opts.forgetBias);
    if (opts.checkpointEvery !== undefined && opts.checkpointEvery !== null) checkInt(fn, "checkpointEvery", opts.checkpointEvery, { min: 1 });
    if (opts.rng !== undefined) checkInstance(fn, "rng", opts.rng, Rng, "an Rng (e.g. new Rng(0)) or undefined for the global one");
    if (opts.layers !== undefined && (!Array.isArray(opts.layers) || !opts.layers.every((row) => Array.isArray(row) && row.every((l) => l instanceof RecurrentLayer)))) {
      throw argError(fn, "layers", "an array (one per layer) of arrays (one per direction) of RNN/LSTM/GRU layers", opts.layers);
    }
    this.kind = kind;
    this.inputSize = I;
    this.hiddenSize = H;
    this.numLayers = L;
    this.numDirections = bidirectional ? 2 : 1;
    const D = this.numDirections;
    const rng = opts.rng ?? getRng();
    this.layers = opts.layers ?? Array.from({ length: L }, (_, l) => Array.from({ length: D }, () => {
      const o = { inputSize: l === 0 ? I : D * H, hiddenSize: H, rng, checkpointEvery: opts.checkpointEvery ?? null };
      if (kind === "lstm") return new LSTM({ ...o, forgetBias: opts.forgetBias });
      if (kind === "gru") return new GRU({ ...o, variant: opts.variant });
      return new RNN({ ...o, nonlinearity: opts.nonlinearity });
    }));
    this.layers.forEach((row, l) => row.forEach((layer, d) => {
      const want = l === 0 ? I : D * H;
      if (layer.inputSize !== want || layer.hiddenSize !== H) {
        throw new Error(`${fn}: layer ${l} direction ${d} must have inputSize ${want} and hiddenSize ${H}, got ${layer.inputSize} and ${layer.hiddenSize}`);
      }
      for (const name of Object.keys(layer.params)) {
        const torch = name.replace(/_l0$/, `_l${l}`) + (d === 1 ? "_reverse" : "");
        this.params[torch] = layer.params[name];
        this.grads[torch] = layer.grads[name];
      }
    }));
  }

  /** Every parameter under PyTorch's names, in PyTorch's order. */
  parameters(): Param[] {
    return Object.keys(this.params).map((name) => ({ name, value: this.params[name], grad: this.grads[name] }));
  }

  /** Sets every gradient to zero. */
  zeroGrad(): void {
    for (const g of Object.values(this.grads)) g.data.fill(0);
  }

  /** Rows `l·D + d` of a `[L·D, B, H]` state, as `[B, H]` (copies). */
  private row(t: Tensor | null | undefined, r: number): Tensor | undefined {
    if (!t) return undefined;
    const [, B, H] = t.shape;
    return new Tensor(t.data.slice(r * B * H, (r + 1) * B * H), [B, H]);
  }

  private checkState(fn: string, name: string, t: Tensor | null | undefined, B: number): void {
    if (t) checkShape(fn, name, t, [this.numLayers * this.numDirections, B, this.hiddenSize], "L·D, B, H");
  }

  /**
   * Runs every layer and direction, keeping what {@link backward} needs.
   * @param x `[T, B, I]`, time-major
   * @param state0 `{ h [L·D, B, H], c? [L·D, B, H] }` (default zeros)
   * @param mask `[T, B]` of 0/1 (1 = real step); padded steps give zero outputs and keep the state
   * @returns `{ outputs [T, B, D·H], state: { h [L·D, B, H], c? } }` (each direction's state after its last real step)
   */
  forward(x: Tensor, state0?: StackedState | null, mask?: Tensor | null): { outputs: Tensor; state: StackedState } {
    const fn = "StackedRecurrent.forward";
    if (!(x instanceof Tensor) || x.rank !== 3) throw new Error(`${fn}: x must be a Tensor [T, B, I = ${this.inputSize}], got ${x instanceof Tensor ? fmtShape(x.shape) : typeof x}`);
    const [T, B] = x.shape;
    this.checkState(fn, "state0.h", state0?.h, B);
    if (this.kind === "lstm") this.checkState(fn, "state0.c", state0?.c, B);
    const rev = this.numDirections === 2 ? reversalIndex(T, B, mask) : null;
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    let input = x;
    for (let l = 0; l < this.numLayers; l++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < this.numDirections; d++) {
        const r = l * this.numDirections + d;
        const s0 = state0 ? { h: this.row(state0.h, r) as Tensor, c: this.row(state0.c, r) } : null;
        const inp = d === 1 ? reverseSequences(input, rev as Int32Array) : input;
        const res = this.layers[l][d].forward(inp, s0, mask);
        outs.push(d === 1 ? reverseSequences(res.outputs, rev as Int32Array) : res.outputs);
        hs.push(res.state.h);
        if (res.state.c) cs.push(res.state.c);
      }
      input = outs.length === 2 ? concatFeatures(outs[0], outs[1]) : outs[0];
    }
    this.last = { T, B, rev, mask: mask ?? null };
    return { outputs: input, state: { h: stackRows(hs), ...(cs.length ? { c: stackRows(cs) } : {}) } };
  }

  /**
   * Backpropagation through every layer, top to bottom (the reverse order of the forward pass): ADDS into
   * {@link grads}. The reverse direction's output gradients are reversed like its inputs were, its `dx` reversed back,
   * and both directions' `dx` summed into the gradient of the layer below's outputs.
   * @param dOutputs `[T, B, D·H]` ∂L/∂outputs (null when the loss reads only the final state)
   * @param dState `{ h? [L·D, B, H], c? }` ∂L/∂(final state)
   * @returns `{ dx [T, B, I], dState0 { h [L·D, B, H], c? }, grads }` (grads keyed by PyTorch's names)
   */
  backward(dOutputs: Tensor | null, dState?: CellStateGrad | null): { dx: Tensor; dState0: { h: Tensor; c?: Tensor }; grads: Record<string, Tensor> } {
    const fn = "StackedRecurrent.backward";
    const last = this.last;
    if (!last) throw new Error(`${fn}: call forward first (backward uses the caches of the last forward)`);
    const { T, B, rev } = last;
    const D = this.numDirections;
    const H = this.hiddenSize;
    if (dOutputs) checkShape(fn, "dOutputs", dOutputs, [T, B, D * H], "T, B, D·H");
    this.checkState(fn, "dState.h", dState?.h, B);
    this.checkState(fn, "dState.c", dState?.c, B);
    const dh0: Tensor[] = new Array(this.numLayers * D);
    const dc0: Tensor[] = new Array(this.numLayers * D);
    let dOut: Tensor | null = dOutputs;
    for (let l = this.numLayers - 1; l >= 0; l--) {
      let dx: Tensor | null = null;
      for (let d = 0; d < D; d++) {
        const r = l * D + d;
        let dO = dOut === null ? null : D === 1 ? dOut : featureSlice(dOut, d * H, H);
        if (d === 1 && dO) dO = reverseSequences(dO, rev as Int32Array);
        const b = this.layers[l][d].backward(dO, { h: this.row(dState?.h, r), c: this.row(dState?.c, r) });
        const dxd = d === 1 ? reverseSequences(b.dx, rev as Int32Array) : b.dx;
        if (dx === null) dx = dxd;
        else for (let i = 0; i < dx.data.length; i++) dx.data[i] += dxd.data[i];
        dh0[r] = b.dState0.h;
        if (b.dState0.c) dc0[r] = b.dState0.c;
      }
      dOut = dx;
    }
    return {
      dx: dOut as Tensor,
      dState0: { h: stackRows(dh0), ...(this.kind === "lstm" ? { c: stackRows(dc0) } : {}) },
      grads: this.grads,
    };
  }

  /**
   * The weights as a `torch.nn.RNN/LSTM/GRU(num_layers=L, bidirectional=…)` state_dict (nested arrays, PyTorch's key
   * order) plus an `rnnlab` section with what PyTorch's keys cannot hold (variant, nonlinearity, options).
   */
  toTorchStateDict(): TorchStateJson {
    const sd: TorchStateJson = {};
    for (const [k, t] of Object.entries(this.params)) sd[k] = t.toArray();
    const first = this.layers[0][0] as RecurrentLayer & { variant?: GruVariant; nonlinearity?: Activation };
    return withRnnlabSection(sd, {
      format: 1, kind: KIND_NAME[this.kind], variant: first.variant, nonlinearity: first.nonlinearity,
      checkpointEvery: first.checkpointEvery, numLayers: this.numLayers, bidirectional: this.numDirections === 2,
    });
  }

  /**
   * Imports a `torch.nn.RNN/LSTM/GRU` state_dict of any depth and direction count (plain JSON, nested arrays); kind, L
   * and D are read from the keys and shapes (see `stackedPartsFromTorch`), the GRU variant, RNN nonlinearity and options
   * from its `rnnlab` section when present. Options that contradict the section throw.
   * @param sd `{ weight_ih_l0 [G·H, I], …, weight_hh_l1_reverse [G·H, H], …, rnnlab? }`
   */
  static fromTorchStateDict(sd: unknown, opts: { kind?: CellKind; variant?: GruVariant; nonlinearity?: Activation } = {}): StackedRecurrent {
    const p = stackedPartsFromTorch("StackedRecurrent.fromTorchStateDict", sd, opts);
    return new StackedRecurrent({ kind: p.kind, inputSize: p.inputSize, hiddenSize: p.hiddenSize, numLayers: p.numLayers, bidirectional: p.bidirectional, layers: p.layers });
  }
}
