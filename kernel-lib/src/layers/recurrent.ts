// The shared body of the RNN, LSTM and GRU layers: parameters under PyTorch's names, forward/backward through one time loop, state_dict interop.
import { Rng, Tensor, fmtShape } from "../tensor";
import { CELL_GATES, CellParams, CellState, CellStateGrad, Module, Param, RecurrentCell, cellSizes, initCellParams, zerosLikeParams } from "../cells";
import { checkAllocation, checkInstance, checkInt, checkNumber, checkOptions, checkSize, describe } from "../args";
import { TORCH_PARAM_NAMES, TorchStateJson } from "../interop/torch-params";
import { CheckpointRecord, StepCache, StepNorms, UnrollResult, bptt, checkpointedBackward, checkpointedForward, unroll } from "../seq";

/** Options every recurrent layer takes. */
export interface RecurrentLayerOptions {
  /** I, features per step. */
  inputSize: number;
  /** H, hidden units. */
  hiddenSize: number;
  /** Initialisation draws from this generator (default: the global one, see `seed`). */
  rng?: Rng;
  /**
   * Gradient checkpointing: keep only the state entering every segment of this many steps and re-run each segment in
   * `backward` (memory `O(T/k + k)` steps instead of `O(T)`, one extra forward pass; see `checkpointedBptt`). Default off.
   */
  checkpointEvery?: number | null;
}

/** What `forward` returns. */
export interface RecurrentForwardResult {
  /** `[T, B, H]`, zeros at padded steps. */
  outputs: Tensor;
  /** The final state `{h [B, H], c? [B, H]}` (each sequence's last real step). */
  state: CellState;
  /** `states[t]`: the state after step t. */
  states: CellState[];
}

/** What `backward` returns. */
export interface RecurrentBackwardResult {
  /** `[T, B, I]`. */
  dx: Tensor;
  /** ∂L/∂state0: `{h [B, H], c? [B, H]}`. */
  dState0: { h: Tensor; c?: Tensor };
  /** The layer's accumulated gradients under PyTorch's names (the same tensors as `layer.grads`). */
  grads: Record<string, Tensor>;
  /** `h[t] = ‖∂L/∂h_t‖` (and `c[t]` for the LSTM), for vanishing-gradient plots. */
  stepNorms: StepNorms;
}

/**
 * A recurrent layer over time-major sequences. Parameters live in {@link cellParams} (the cell's names)
 * and are the same tensors as {@link params} (PyTorch's names, `weight_ih_l0` …), so optimizers,
 * interop and the functional `unroll`/`bptt`/`truncatedBptt` all see one set of weights.
 */
export abstract class RecurrentLayer implements Module {
  /** The cell the time loop drives. */
  readonly cell: RecurrentCell;
  readonly inputSize: number;
  readonly hiddenSize: number;
  /** `weight_ih [G·H, I]`, `weight_hh [G·H, H]`, `bias_ih [G·H]`, `bias_hh [G·H]`. */
  readonly cellParams: CellParams;
  /** Gradients with the shapes of {@link cellParams}; backward ADDS into them. */
  readonly cellGrads: CellParams;
  /** The parameters under PyTorch's names: `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`. */
  readonly params: Record<string, Tensor>;
  /** The gradients under PyTorch's names. */
  readonly grads: Record<string, Tensor>;
  /**
   * Steps per checkpoint segment (gradient checkpointing, see {@link RecurrentLayerOptions.checkpointEvery}); null = keep every
   * step's cache. May be changed between calls; `forward` checks it.
   */
  checkpointEvery: number | null = null;
  /** The last forward's record for backward: the step caches of `unroll`, or the checkpoints. */
  private last: { caches: StepCache[] } | { checkpoints: CheckpointRecord } | null = null;

  /** The class name used in error messages, e.g. `"LSTM"`. */
  readonly layerName: string;

  protected constructor(layerName: string, cell: RecurrentCell, params: CellParams, opts?: RecurrentLayerOptions) {
    if (new.target === RecurrentLayer) throw new Error(`RecurrentLayer: the base class is not built directly; use new LSTM, GRU or RNN({ inputSize, hiddenSize }), got ${describe(layerName)} as the layer name`);
    this.layerName = layerName;
    this.checkpointEvery = opts?.checkpointEvery ?? null;
    this.cell = cell;
    this.cellParams = params;
    this.cellGrads = zerosLikeParams(params);
    this.hiddenSize = params.weight_hh.shape[1];
    this.inputSize = params.weight_ih.shape[1];
    this.params = {};
    this.grads = {};
    for (const [k, torch] of Object.entries(TORCH_PARAM_NAMES) as [keyof CellParams, string][]) {
      this.params[torch] = params[k];
      this.grads[torch] = this.cellGrads[k];
    }
  }

  /** The four parameters with their gradients, named like PyTorch's. */
  parameters(): Param[] {
    return Object.keys(this.params).map((name) => ({ name, value: this.params[name], grad: this.grads[name] }));
  }

  /** Sets every gradient to zero (gradients otherwise accumulate over backward calls). */
  zeroGrad(): void {
    for (const g of Object.values(this.grads)) g.data.fill(0);
  }

  /**
   * Runs the layer over a sequence and keeps the caches for {@link backward}.
   * @param x `[T, B, I]`, time-major, finite
   * @param state0 `{h [B, H], c? [B, H]}` (default zeros)
   * @param mask `[T, B]` of 0/1 (1 = real step); padded steps keep the state and output zeros
   * @returns `{ outputs [T, B, H], state, states }`
   */
  forward(x: Tensor, state0?: CellState | null, mask?: Tensor | null): RecurrentForwardResult {
    const fn = `${this.layerName}.forward`;
    if (this.checkpointEvery !== null) return this.checkpointedForward(fn, x, state0, mask);
    // the last forward's caches are dropped here, so the backend may reuse their buffers (nothing outside holds them)
    const reuse = this.last !== null && "caches" in this.last ? this.last.caches : null;
    this.last = null;
    const r = unroll(this.cell, this.cellParams, x, state0, mask, { fn, reuse });
    this.last = { caches: r.caches };
    return new LayerForwardResult(r);
  }

  /**
   * The forward with gradient checkpointing: outputs and the final state as usual, but only the state entering every
   * segment of `checkpointEvery` steps is kept; `states` (every step's state) is not, and reading it throws.
   */
  private checkpointedForward(fn: string, x: Tensor, state0: CellState | null | undefined, mask: Tensor | null | undefined): RecurrentForwardResult {
    const k = this.checkpointEvery;
    if (!Number.isInteger(k) || (k as number) < 1) throw new Error(`${fn}: checkpointEvery must be a positive integer or null, got ${k}`);
    const rec = checkpointedForward(this.cell, this.cellParams, x, state0, mask, k, fn);
    this.last = { checkpoints: rec };
    return {
      outputs: rec.outputs, state: rec.state,
      get states(): CellState[] {
        throw new Error(`${fn}: states of every step are not kept with checkpointEvery = ${k} (gradient checkpointing); ` +
          "read outputs (h_t at every step) and state, or set checkpointEvery = null");
      },
    };
  }

  /**
   * Backpropagation through time over the last {@link forward}: ADDS the weight gradients into
   * {@link grads} and returns the input and initial-state gradients.
   * @param dOutputs `[T, B, H]` ∂L/∂outputs (null when the loss reads only the final state)
   * @param dState `{h?, c?}` ∂L/∂(final state), missing entries are zeros
   * @returns `{ dx [T, B, I], dState0, grads, stepNorms }`
   */
  backward(dOutputs: Tensor | null, dState?: CellStateGrad | null): RecurrentBackwardResult {
    const fn = `${this.layerName}.backward`;
    const last = this.last;
    if (!last) throw new Error(`${fn}: call forward first (backward uses the cache of the last forward)`);
    if ("checkpoints" in last) {
      const b = checkpointedBackward(this.cell, this.cellParams, last.checkpoints, dOutputs, dState, this.cellGrads, fn);
      return { dx: b.dx, dState0: b.dState0, grads: this.grads, stepNorms: b.stepNorms };
    }
    const b = bptt(this.cell, last.caches, dOutputs, dState, this.cellGrads, { fn });
    return { dx: b.dx, dState0: b.dState0, grads: this.grads, stepNorms: b.stepNorms };
  }

  /** The weights as a plain JSON `state_dict` of a single-layer `torch.nn.RNN/LSTM/GRU` (nested arrays). */
  toTorchStateDict(): TorchStateJson {
    const sd: TorchStateJson = {};
    for (const [name, t] of Object.entries(this.params)) sd[name] = t.toArray();
    return sd;
  }
}

/** `forward`'s result over `unroll`'s: `states` is read through (a backend may build them only when asked); the caches stay with the layer. */
class LayerForwardResult implements RecurrentForwardResult {
  readonly outputs: Tensor;
  readonly state: CellState;
  private readonly r: UnrollResult;

  constructor(r: UnrollResult) {
    this.outputs = r.outputs;
    this.state = r.state;
    this.r = r;
  }

  get states(): CellState[] {
    return this.r.states;
  }
}

/** Fresh or given cell parameters for a layer's constructor. */
export function layerParams(
  fn: string, kind: "rnn" | "lstm" | "gru", opts: RecurrentLayerOptions & { params?: CellParams; forgetBias?: number | null },
): CellParams {
  checkOptions(fn, "options", opts ?? null);
  const G = CELL_GATES[kind];
  if (opts.checkpointEvery !== undefined && opts.checkpointEvery !== null) checkInt(fn, "checkpointEvery", opts.checkpointEvery, { min: 1 });
  if (opts.rng !== undefined) checkInstance(fn, "rng", opts.rng, Rng, "an Rng (e.g. new Rng(0)) or undefined for the global one");
  if (kind === "lstm" && opts.forgetBias !== undefined && opts.forgetBias !== null) checkNumber(fn, "forgetBias", opts.forgetBias);
  if (opts.params !== undefined) {
    const { H, I } = cellSizes(fn, opts.params, G);
    if (opts.inputSize !== undefined && opts.inputSize !== I) throw new Error(`${fn}: inputSize ${describe(opts.inputSize)} disagrees with params.weight_ih [G·H, I] = ${fmtShape(opts.params.weight_ih.shape)}`);
    if (opts.hiddenSize !== undefined && opts.hiddenSize !== H) throw new Error(`${fn}: hiddenSize ${describe(opts.hiddenSize)} disagrees with params.weight_hh [G·H, H] = ${fmtShape(opts.params.weight_hh.shape)}`);
    return opts.params;
  }
  const I = checkSize(fn, "inputSize", opts.inputSize);
  const H = checkSize(fn, "hiddenSize", opts.hiddenSize);
  checkAllocation(fn, `inputSize = ${I}, hiddenSize = ${H}`, { weight_ih: [G * H, I], weight_hh: [G * H, H] });
  return initCellParams(kind, I, H, { rng: opts.rng, forgetBias: opts.forgetBias });
}
