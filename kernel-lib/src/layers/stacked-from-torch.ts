// Reading a multi-layer / bidirectional PyTorch state_dict into the single layers a StackedRecurrent is made of.
import { Activation, Tensor } from "../tensor";
import type { CellKind, GruVariant } from "../cells";
import { RecurrentLayer } from "./recurrent";
import { cellParamsFromTorch } from "../interop/torch-params";
import { RNN } from "./rnn";
import { LSTM } from "./lstm";
import { GRU } from "./gru";
import { RnnlabSection, agreeWithSection, splitRnnlabSection } from "./rnnlab-section";

const KEY = /^(weight_ih|weight_hh|bias_ih|bias_hh)_l(\d+)(_reverse)?$/;
const GATES_KIND: Record<number, CellKind> = { 1: "rnn", 3: "gru", 4: "lstm" };

/** What a multi-layer state_dict holds: kind, L, D, the sub-layers `[l][d]`, and its rnnlab section (or null). */
export interface StackedTorchParts {
  kind: CellKind;
  numLayers: number;
  bidirectional: boolean;
  inputSize: number;
  hiddenSize: number;
  layers: RecurrentLayer[][];
  section: RnnlabSection | null;
}

/**
 * Splits a `torch.nn.RNN/LSTM/GRU(num_layers=L, bidirectional=…)` state_dict into single layers: keys
 * `{weight_ih, weight_hh, bias_ih, bias_hh}_l{l}{_reverse}` for every l < L and direction; the kind comes from the
 * `rnnlab` section or from `G = rows(weight_hh_l0) / H` (1 RNN, 3 GRU, 4 LSTM). Every shape is checked by the
 * single-layer reader; a missing or unexpected key, a gap in the layers or a half-bidirectional dict throws, naming it.
 * @param fn the caller, for error messages
 * @param opts options PyTorch's keys do not store (a contradicting rnnlab section throws)
 */
export function stackedPartsFromTorch(
  fn: string, sd: unknown, opts: { kind?: CellKind; variant?: GruVariant; nonlinearity?: Activation } = {},
): StackedTorchParts {
  const { torch, section } = splitRnnlabSection(fn, sd);
  if (!torch || typeof torch !== "object" || Array.isArray(torch)) {
    throw new Error(`${fn}: expected a state_dict object { weight_ih_l0, weight_hh_l0, … }, got ${Array.isArray(torch) ? "an array" : typeof torch}`);
  }
  const rec = torch as Record<string, unknown>;
  const groups = new Map<string, Record<string, unknown>>();
  let L = 0;
  let reverse = false;
  for (const k of Object.keys(rec)) {
    const m = KEY.exec(k);
    if (!m) throw new Error(`${fn}: unexpected key ${k} (expected weight_ih_l{l}, weight_hh_l{l}, bias_ih_l{l}, bias_hh_l{l}, each optionally _reverse)`);
    const l = Number(m[2]);
    L = Math.max(L, l + 1);
    reverse ||= m[3] !== undefined;
    const g = `${l}${m[3] ?? ""}`;
    if (!groups.has(g)) groups.set(g, {});
    (groups.get(g) as Record<string, unknown>)[`${m[1]}_l0`] = rec[k];
  }
  if (L === 0) throw new Error(`${fn}: the state_dict has no weights (expected weight_ih_l0, weight_hh_l0, …)`);
  const D = reverse ? 2 : 1;
  if (section?.numLayers !== undefined && section.numLayers !== L) throw new Error(`${fn}: the rnnlab section says numLayers ${section.numLayers}, the keys hold ${L} layers`);
  if (section?.bidirectional !== undefined && section.bidirectional !== reverse) throw new Error(`${fn}: the rnnlab section says bidirectional ${section.bidirectional}, the keys say ${reverse}`);
  const first = groups.get("0") as Record<string, unknown> | undefined;
  const whh = first?.weight_hh_l0;
  const shape = whh instanceof Tensor ? whh.shape : Array.isArray(whh) && Array.isArray(whh[0]) ? [whh.length, whh[0].length] : null;
  if (!shape || shape.length !== 2 || shape[1] === 0) throw new Error(`${fn}: weight_hh_l0 must be a [G·H, H] nested array`);
  const G = shape[0] / shape[1];
  const byShape = GATES_KIND[G];
  if (!byShape) throw new Error(`${fn}: weight_hh_l0 is [${shape[0]}, ${shape[1]}], so G = ${G} gates; expected 1 (RNN), 3 (GRU) or 4 (LSTM)`);
  const fromSection = section ? (section.kind.toLowerCase() as CellKind) : undefined;
  const declared = agreeWithSection(fn, "kind", opts.kind, fromSection);
  if (declared !== undefined && declared !== byShape) throw new Error(`${fn}: kind ${declared} does not match the shapes: weight_hh_l0 has G = ${G} gate blocks (${byShape})`);
  const variant = agreeWithSection(fn, "variant", opts.variant, section?.variant);
  const nonlinearity = agreeWithSection(fn, "nonlinearity", opts.nonlinearity, section?.nonlinearity);
  const checkpointEvery = section?.checkpointEvery ?? null;
  const layers: RecurrentLayer[][] = [];
  for (let l = 0; l < L; l++) {
    const row: RecurrentLayer[] = [];
    for (let d = 0; d < D; d++) {
      const name = `layer ${l}${d ? " reverse" : ""}`;
      const part = groups.get(`${l}${d ? "_reverse" : ""}`);
      if (!part) throw new Error(`${fn}: ${name} is missing (no weight_ih_l${l}${d ? "_reverse" : ""}); PyTorch's layers are numbered 0…${L - 1}${D === 2 ? " with both directions" : ""}`);
      let p;
      try {
        p = cellParamsFromTorch(fn, part, G);
      } catch (e) {
        // name the real key: the single-layer reader speaks of _l0
        throw new Error((e as Error).message.replace(/_l0\b/g, `_l${l}${d ? "_reverse" : ""}`));
      }
      const o = { ...p, checkpointEvery };
      row.push(byShape === "lstm" ? new LSTM(o) : byShape === "gru" ? new GRU({ ...o, variant: variant ?? "reset-after" }) : new RNN({ ...o, nonlinearity }));
    }
    layers.push(row);
  }
  return { kind: byShape, numLayers: L, bidirectional: D === 2, inputSize: layers[0][0].inputSize, hiddenSize: layers[0][0].hiddenSize, layers, section };
}
