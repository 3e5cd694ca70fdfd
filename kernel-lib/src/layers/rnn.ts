// The vanilla RNN layer, h_t = φ(x_t W_ihᵀ + b_ih + h_{t−1} W_hhᵀ + b_hh), as torch.nn.RNN stores it.
import { Activation } from "../tensor";
import { CellParams, checkActivation, rnnCell } from "../cells";
import { RecurrentLayer, RecurrentLayerOptions, cellParamsFromTorch, layerParams } from "./recurrent";

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
    const act = checkActivation("RNN", opts?.nonlinearity ?? "tanh");
    super("RNN", rnnCell(act), layerParams("RNN", "rnn", opts), opts);
    this.nonlinearity = act;
  }

  /**
   * Imports a single-layer `torch.nn.RNN` state_dict (plain JSON, nested arrays), checking every shape.
   * @param sd `{ weight_ih_l0 [H, I], weight_hh_l0 [H, H], bias_ih_l0 [H], bias_hh_l0 [H] }`
   * @param opts `{ nonlinearity }` as given to `torch.nn.RNN` (default `"tanh"`)
   */
  static fromTorchStateDict(sd: unknown, opts: { nonlinearity?: Activation } = {}): RNN {
    return new RNN({ ...cellParamsFromTorch("RNN.fromTorchStateDict", sd, 1), nonlinearity: opts.nonlinearity });
  }
}
