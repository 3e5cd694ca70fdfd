// The LSTM layer (gates i, f, g, o), as torch.nn.LSTM stores it, with the forget-gate bias option.
import { CellParams, lstmCell } from "../cells";
import { RecurrentLayer, RecurrentLayerOptions, layerParams } from "./recurrent";
import { TorchStateJson, cellParamsFromTorch } from "../interop/torch-params";
import { splitRnnlabSection, withRnnlabSection } from "./rnnlab-section";

/** Options of {@link LSTM}. */
export interface LSTMOptions extends RecurrentLayerOptions {
  /**
   * Initial forget-gate bias (default 1, Jozefowicz et al. 2015): the f block of `bias_ih` is set to it
   * and that of `bias_hh` to 0. `null` keeps PyTorch's plain initialisation.
   */
  forgetBias?: number | null;
}

/**
 * A single-layer LSTM over `[T, B, I]` sequences with state `{h, c}`:
 * `c_t = f ∗ c_{t−1} + i ∗ g`, `h_t = o ∗ tanh(c_t)`, gates from `x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh`.
 * @example
 * const lstm = new LSTM({ inputSize: 8, hiddenSize: 32, rng: new Rng(0) });
 * const { outputs, state } = lstm.forward(x);           // state.c is the cell state
 * const { dx, dState0, grads, stepNorms } = lstm.backward(dOutputs);
 */
export class LSTM extends RecurrentLayer {
  constructor(opts: LSTMOptions & { params?: CellParams }) {
    super("LSTM", lstmCell(), layerParams("LSTM", "lstm", opts), opts);
  }

  /**
   * The weights as a `torch.nn.LSTM` state_dict (nested arrays) plus an `rnnlab` section `{ format, kind,
   * checkpointEvery }` (drop it in Python before `load_state_dict`).
   */
  override toTorchStateDict(): TorchStateJson {
    return withRnnlabSection(super.toTorchStateDict(), { format: 1, kind: "LSTM", checkpointEvery: this.checkpointEvery });
  }

  /**
   * Imports a single-layer `torch.nn.LSTM` state_dict (plain JSON, nested arrays), checking every shape;
   * options (checkpointEvery) come from its `rnnlab` section when present.
   * @param sd `{ weight_ih_l0 [4H, I], weight_hh_l0 [4H, H], bias_ih_l0 [4H], bias_hh_l0 [4H], rnnlab? }`
   */
  static fromTorchStateDict(sd: unknown): LSTM {
    const fn = "LSTM.fromTorchStateDict";
    const { torch, section } = splitRnnlabSection(fn, sd, "LSTM");
    return new LSTM({ ...cellParamsFromTorch(fn, torch, 4), checkpointEvery: section?.checkpointEvery ?? null });
  }
}
