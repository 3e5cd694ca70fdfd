// layerFromTorch: an rnnlab RNN/LSTM/GRU from any single-layer PyTorch recurrent state_dict, kind read from the shapes.
import type { Activation } from "../tensor";
import { RNN, LSTM, GRU } from "../layers";
import { loadTorchStateDict, inferTorchLayer, type TorchRecurrentKind } from "./state-dict";

/** Options of {@link layerFromTorch}. */
export interface LayerFromTorchOptions {
  /** Expected kind; checked against the shapes (`G = rows / H`). */
  kind?: TorchRecurrentKind;
  /** RNN only: PyTorch's `nonlinearity` (not stored in the state_dict; default "tanh", PyTorch's default, or a fixture's `nonlinearity`). */
  nonlinearity?: Extract<Activation, "tanh" | "relu">;
}

/**
 * The rnnlab layer a PyTorch state_dict describes: `RNN` (G=1), `GRU` (G=3, reset-after) or `LSTM` (G=4),
 * with PyTorch's weights copied, so its outputs and gradients match PyTorch's (to 1e-9 in float64).
 * Biases missing from a `bias=False` module are zeros.
 * @param json a state_dict (`weight_ih_l0 [G·H, I]`, `weight_hh_l0 [G·H, H]`, `bias_ih_l0 [G·H]`, `bias_hh_l0 [G·H]`),
 *   an object holding one under `state_dict`, or its JSON text; see {@link TorchStateDict} for the Python side
 * @example
 * // Python: json.dump({k: v.double().tolist() for k, v in torch.nn.GRU(8, 16).state_dict().items()}, f)
 * const gru = layerFromTorch(JSON.parse(text));            // a GRU with inputSize 8, hiddenSize 16
 * const { outputs } = gru.forward(x);                      // x [T, B, 8] → outputs [T, B, 16]
 */
export function layerFromTorch(json: unknown, opts: LayerFromTorchOptions = {}): RNN | LSTM | GRU {
  const info = inferTorchLayer(json, { kind: opts.kind });
  const sd = loadTorchStateDict(json);
  if (info.kind === "LSTM") return LSTM.fromTorchStateDict(sd);
  if (info.kind === "GRU") return GRU.fromTorchStateDict(sd);
  const parsed: any = typeof json === "string" ? JSON.parse(json) : json;
  const declared = opts.nonlinearity ?? parsed?.nonlinearity ?? "tanh";
  if (declared !== "tanh" && declared !== "relu") {
    throw new Error(`layerFromTorch: PyTorch's RNN nonlinearity is "tanh" or "relu", got ${JSON.stringify(declared)}`);
  }
  return RNN.fromTorchStateDict(sd, { nonlinearity: declared });
}
