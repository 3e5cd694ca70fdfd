// layerFromTorch: an rnnlab RNN/LSTM/GRU (or a stacked/bidirectional one) from a PyTorch recurrent state_dict, kind read from the shapes.
import type { Activation } from "../tensor";
import type { GruVariant } from "../cells";
import { RNN, LSTM, GRU, StackedRecurrent, splitRnnlabSection } from "../layers";
import { loadTorchStateDict, inferTorchLayer, type TorchRecurrentKind } from "./state-dict";
import { argError, checkOptions, parseJsonArg } from "../args";

/** Options of {@link layerFromTorch}. */
export interface LayerFromTorchOptions {
  /** Expected kind; checked against the shapes (`G = rows / H`). */
  kind?: TorchRecurrentKind;
  /**
   * RNN only: the nonlinearity, which PyTorch's keys do not store. Read from the state_dict's `rnnlab` section or a
   * fixture's `nonlinearity` when present (a contradicting option throws); otherwise PyTorch's default "tanh", with a warning.
   */
  nonlinearity?: Activation;
  /** GRU only: checked against the `rnnlab` section; without one PyTorch's "reset-after". */
  variant?: GruVariant;
}

/**
 * The rnnlab layer a PyTorch state_dict describes: `RNN` (G=1), `GRU` (G=3) or `LSTM` (G=4), or a
 * {@link StackedRecurrent} when it has several layers (`_l1` …) or a reverse direction (`_reverse`), with PyTorch's
 * weights copied, so its outputs and gradients match PyTorch's (to 1e-9 in float64). Biases missing from a
 * `bias=False` module are zeros. A state_dict written by rnnlab carries an `rnnlab` section (GRU variant, RNN
 * nonlinearity, options), so `layerFromTorch(layer.toTorchStateDict())` rebuilds the same model.
 * @param json a state_dict (`weight_ih_l0 [G·H, I]`, `weight_hh_l0 [G·H, H]`, `bias_ih_l0 [G·H]`, `bias_hh_l0 [G·H]`, …),
 *   an object holding one under `state_dict`, or its JSON text; see {@link TorchStateDict} for the Python side
 * @example
 * // Python: json.dump({k: v.double().tolist() for k, v in torch.nn.GRU(8, 16).state_dict().items()}, f)
 * const gru = layerFromTorch(JSON.parse(text));            // a GRU with inputSize 8, hiddenSize 16
 * const { outputs } = gru.forward(x);                      // x [T, B, 8] → outputs [T, B, 16]
 */
export function layerFromTorch(json: unknown, opts: LayerFromTorchOptions = {}): RNN | LSTM | GRU | StackedRecurrent {
  const fn = "layerFromTorch";
  if (typeof json === "string") json = parseJsonArg(fn, "json", json);
  if (!json || typeof json !== "object" || Array.isArray(json)) throw argError(fn, "json", "a state_dict object, { state_dict: … }, or its JSON text", json);
  checkOptions(fn, "opts", opts, ["kind", "nonlinearity", "variant"]);
  const info = inferTorchLayer(json, { kind: opts.kind }, fn);
  const parsed: any = json;
  const inner = parsed?.state_dict && typeof parsed.state_dict === "object" ? parsed.state_dict : parsed;
  const { section } = splitRnnlabSection(fn, inner, info.kind);
  let nonlinearity: Activation | undefined;
  if (info.kind === "RNN") {
    const given = opts.nonlinearity ?? parsed?.nonlinearity;
    if (given !== undefined && !["tanh", "relu", "sigmoid"].includes(given)) {
      throw new Error(`${fn}: an RNN's nonlinearity is "tanh" or "relu" (PyTorch) or "sigmoid" (rnnlab), got ${JSON.stringify(given)}`);
    }
    if (given !== undefined && section && given !== section.nonlinearity) {
      throw new Error(`${fn}: nonlinearity ${JSON.stringify(given)} was given, but the state_dict's rnnlab section says ${JSON.stringify(section.nonlinearity)}`);
    }
    if (given === "sigmoid" && !section) throw new Error(`${fn}: PyTorch's RNN nonlinearity is "tanh" or "relu", got "sigmoid" for a state_dict without an rnnlab section`);
    nonlinearity = section?.nonlinearity ?? given;
    if (nonlinearity === undefined) {
      console.warn(`${fn}: the state_dict does not say the RNN's nonlinearity; assuming PyTorch's default "tanh" (pass { nonlinearity } to choose)`);
      nonlinearity = "tanh";
    }
  }
  if (opts.variant !== undefined && info.kind !== "GRU") throw new Error(`${fn}: variant is a GRU option, but the state_dict describes a ${info.kind}`);
  // tensors (biases of bias=False filled with zeros), with the section put back for the layer readers
  const sd: Record<string, unknown> = { ...loadTorchStateDict(json, fn), ...(section ? { rnnlab: inner.rnnlab } : {}) };
  if (info.numLayers > 1 || info.bidirectional) {
    return StackedRecurrent.fromTorchStateDict(sd, { variant: opts.variant, nonlinearity: section ? undefined : nonlinearity });
  }
  if (info.kind === "LSTM") return LSTM.fromTorchStateDict(sd);
  if (info.kind === "GRU") return GRU.fromTorchStateDict(sd, { variant: opts.variant });
  return RNN.fromTorchStateDict(sd, { nonlinearity: section ? undefined : nonlinearity });
}
