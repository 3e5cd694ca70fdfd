// Reading PyTorch state_dicts dumped to JSON: validation, and which recurrent layer they describe.
import { Tensor, type NestedArray } from "../tensor";
import { splitRnnlabSection } from "../layers/rnnlab-section";
import { parseJsonArg } from "../args";
import { readTorchBlock } from "./torch-params";
import { argError } from "../args";

/**
 * A `torch.nn.RNN/LSTM/GRU` `state_dict()` as plain JSON (single-layer keys shown; deeper layers add `_l1`…, the
 * reverse direction `_reverse`, and rnnlab's own writer an `rnnlab` section): each value a nested number array
 * in PyTorch's layout (`weight_ih_l0 [G·H, I]`, `weight_hh_l0 [G·H, H]`, `bias_ih_l0 [G·H]`, `bias_hh_l0 [G·H]`,
 * gate blocks in PyTorch order: LSTM i, f, g, o; GRU r, z, n).
 *
 * Made in Python by
 * ```python
 * import json, torch
 * m = torch.nn.LSTM(input_size=8, hidden_size=16)           # one layer, batch_first=False
 * with open("lstm.json", "w") as f:
 *     json.dump({k: v.double().tolist() for k, v in m.state_dict().items()}, f)
 * ```
 * and read in a notebook with `layerFromTorch(JSON.parse(fs.readFileSync("lstm.json", "utf8")))`.
 */
export interface TorchStateDict {
  weight_ih_l0: NestedArray;
  weight_hh_l0: NestedArray;
  bias_ih_l0?: NestedArray;
  bias_hh_l0?: NestedArray;
}

/** The recurrent layer kinds PyTorch's state_dicts can describe. */
export type TorchRecurrentKind = "RNN" | "LSTM" | "GRU";

/** What a state_dict's shapes say: the layer kind, its sizes and the gate count `G`. */
export interface TorchLayerInfo {
  kind: TorchRecurrentKind;
  inputSize: number;
  hiddenSize: number;
  /** 1 RNN, 4 LSTM, 3 GRU: `weight_ih_l0` has `G·H` rows. */
  gates: number;
  /** L, PyTorch's `num_layers` (the highest `_l{l}` + 1). */
  numLayers: number;
  /** Whether `_reverse` keys are present (D = 2). */
  bidirectional: boolean;
}

/** Gate counts per kind: the rows of `weight_ih_l0` are `G·H`. */
export const TORCH_GATES: Readonly<Record<TorchRecurrentKind, number>> = { RNN: 1, LSTM: 4, GRU: 3 };

const KEY = /^(weight_ih|weight_hh|bias_ih|bias_hh)_l(\d+)(_reverse)?$/;

/**
 * The state_dict inside `json`, as tensors keyed by torch names, of any depth and direction count
 * (`weight_ih_l1`, `bias_hh_l0_reverse`, …). Accepts a plain state_dict, a JSON string of one, or an object holding
 * one under `state_dict` (the fixtures of `test/fixtures/torch/`); an `rnnlab` section (see `RnnlabSection`) is
 * checked and left out. Missing biases (`bias=False`) become zeros. No file access: read the file yourself.
 * @param json `{ weight_ih_l0, weight_hh_l0, bias_ih_l0?, bias_hh_l0?, …_l1…, …_reverse… }` | `{ state_dict: … }` | a JSON string
 * @param fn the function errors name (the caller's, e.g. `layerFromTorch`)
 * @returns tensors `weight_ih_l{l} [G·H, I or D·H]`, `weight_hh_l{l} [G·H, H]`, `bias_ih_l{l} [G·H]`, `bias_hh_l{l} [G·H]`
 * @example
 * const sd = loadTorchStateDict({ weight_ih_l0: [[1, 2]], weight_hh_l0: [[0.5]] });
 * sd.bias_hh_l0.shape; // [1]
 */
export function loadTorchStateDict(json: unknown, fn = "loadTorchStateDict"): Record<string, Tensor> {
  let obj: any = typeof json === "string" ? parseJsonArg(fn, "json", json) : json;
  if (obj && typeof obj === "object" && obj.state_dict && typeof obj.state_dict === "object") obj = obj.state_dict;
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
    throw new Error(`${fn}: expected a state_dict object (or { state_dict }), got ${Array.isArray(obj) ? "an array" : typeof obj}`);
  }
  obj = splitRnnlabSection(fn, obj).torch;
  const keys = Object.keys(obj);
  const unknown = keys.filter((k) => !KEY.test(k));
  if (unknown.length > 0) throw new Error(`${fn}: unexpected keys ${unknown.join(", ")} (expected weight_ih_l{l}, weight_hh_l{l}, bias_ih_l{l}, bias_hh_l{l}, each optionally _reverse)`);
  const suffixes = [...new Set(keys.map((k) => k.replace(/^(weight|bias)_(ih|hh)/, "")))].sort();
  const out: Record<string, Tensor> = {};
  for (const sfx of suffixes) {
    // one reader for every block (and for the layers' fromTorchStateDict): presence, rectangular finite arrays, G·H rows
    const p = readTorchBlock(fn, obj, sfx, { biases: "zeros" });
    Object.assign(out, { [`weight_ih${sfx}`]: p.weight_ih, [`weight_hh${sfx}`]: p.weight_hh, [`bias_ih${sfx}`]: p.bias_ih, [`bias_hh${sfx}`]: p.bias_hh });
  }
  if (!("weight_hh_l0" in out)) throw new Error(`${fn}: missing weight_hh_l0`);
  return out;
}

/**
 * Which layer a state_dict describes: `G = rows(weight_hh_l0) / H` with `H = cols(weight_hh_l0)`
 * gives RNN (G=1), GRU (G=3) or LSTM (G=4). `opts.kind` (or a fixture's `kind`) is checked against it.
 * @param json as for {@link loadTorchStateDict}
 * @param opts.kind the expected kind; throws if the shapes say otherwise
 * @example
 * inferTorchLayer({ weight_ih_l0: [[1], [2], [3], [4]], weight_hh_l0: [[1], [2], [3], [4]] }).kind; // "LSTM"
 * @param fn the function errors name (the caller's, e.g. `layerFromTorch`)
 */
export function inferTorchLayer(json: unknown, opts: { kind?: TorchRecurrentKind } = {}, fn = "inferTorchLayer"): TorchLayerInfo {
  if (typeof json === "string") json = parseJsonArg(fn, "json", json);
  if (!json || typeof json !== "object" || Array.isArray(json)) throw argError(fn, "json", "a state_dict object, { state_dict: … }, or its JSON text", json);
  const sd = loadTorchStateDict(json, fn);
  const [rows, H] = sd.weight_hh_l0.shape;
  const I = sd.weight_ih_l0.shape[1];
  const G = rows / H;
  const byGates = (Object.keys(TORCH_GATES) as TorchRecurrentKind[]).find((k) => TORCH_GATES[k] === G);
  if (!byGates) throw new Error(`${fn}: weight_hh_l0 is [${rows}, ${H}], so G = ${G} gates; expected 1 (RNN), 3 (GRU) or 4 (LSTM)`);
  const parsed: any = typeof json === "string" ? parseJsonArg(fn, "json", json) : json;
  const inner = parsed?.state_dict && typeof parsed.state_dict === "object" ? parsed.state_dict : parsed;
  const sectionKind = inner?.rnnlab?.kind as TorchRecurrentKind | undefined;
  const declared = opts.kind ?? (typeof parsed?.kind === "string" ? (parsed.kind as TorchRecurrentKind) : sectionKind);
  if (declared !== undefined && declared !== byGates) {
    throw new Error(`${fn}: kind ${declared} needs G = ${TORCH_GATES[declared] ?? "?"} gates, but weight_hh_l0 [${rows}, ${H}] has G = ${G} (${byGates})`);
  }
  const keys = Object.keys(sd);
  const numLayers = 1 + Math.max(...keys.map((k) => Number(/_l(\d+)/.exec(k)?.[1] ?? 0)));
  return { kind: byGates, inputSize: I, hiddenSize: H, gates: G, numLayers, bidirectional: keys.some((k) => k.endsWith("_reverse")) };
}
