// The vanilla RNN layer, h_t = φ(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh), as torch.nn.RNN stores it.
import { Activation } from "../tensor";
import { CellParams, checkActivation, rnnCell } from "../cells";
import { RecurrentLayer, RecurrentLayerOptions, layerParams } from "./recurrent";
import { orDefault } from "../args";
import { TorchStateJson, cellParamsFromTorch } from "../interop/torch-params";
import { agreeWithSection, splitRnnlabSection, withRnnlabSection } from "./rnnlab-section";

/** Options of {@link RNN}. */
export interface RNNOptions extends RecurrentLayerOptions {
  /** φ: `"tanh"` (default), `"relu"` or `"sigmoid"` (sigmoid has no PyTorch counterpart). */
  nonlinearity?: Activation;
}

/**
 * A single-layer vanilla RNN over `[T, B, I]` sequences: `h_t = φ(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh)`.
 * @example
 * const rnn = new RNN({ inputSize: 8, hiddenSize: 16, nonlinearity: "tanh", rng: new Rng(0) });
 * const { outputs, state } = rnn.forward(x);            // [T, B, 16]
 * const { dx, grads } = rnn.backward(dOutputs);          // grads.weight_hh_l0 …
 */
export class RNN extends RecurrentLayer {
  readonly nonlinearity: Activation;

  constructor(opts: RNNOptions & { params?: CellParams }) {
    const act = checkActivation("RNN", orDefault(opts?.nonlinearity, "tanh") as Activation);
    super("RNN", rnnCell(act), layerParams("RNN", "rnn", opts), opts);
    this.nonlinearity = act;
  }

  /**
   * The weights as a `torch.nn.RNN` state_dict (nested arrays) plus an `rnnlab` section `{ format, kind, nonlinearity,
   * checkpointEvery }` that PyTorch's keys cannot hold (drop it in Python before `load_state_dict`).
   */
  override toTorchStateDict(): TorchStateJson {
    return withRnnlabSection(super.toTorchStateDict(), { format: 1, kind: "RNN", nonlinearity: this.nonlinearity, checkpointEvery: this.checkpointEvery });
  }

  /**
   * Imports a single-layer `torch.nn.RNN` state_dict (plain JSON, nested arrays), checking every shape.
   * The nonlinearity and options come from its `rnnlab` section when present; a contradicting option throws.
   * @param sd `{ weight_ih_l0 [H, I], weight_hh_l0 [H, H], bias_ih_l0 [H], bias_hh_l0 [H], rnnlab? }`
   * @param opts `{ nonlinearity }` as given to `torch.nn.RNN` (default `"tanh"`, PyTorch's, when there is no section)
   */
  static fromTorchStateDict(sd: unknown, opts: { nonlinearity?: Activation } = {}): RNN {
    const fn = "RNN.fromTorchStateDict";
    const { torch, section } = splitRnnlabSection(fn, sd, "RNN");
    const nonlinearity = agreeWithSection(fn, "nonlinearity", opts.nonlinearity, section?.nonlinearity);
    return new RNN({ ...cellParamsFromTorch(fn, torch, 1), nonlinearity, checkpointEvery: section?.checkpointEvery ?? null });
  }
}
