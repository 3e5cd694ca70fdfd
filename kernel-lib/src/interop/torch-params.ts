// The one reader of PyTorch recurrent weights: one layer-direction block (`weight_ih_l{l}`, `weight_hh_l{l}`, `bias_ih_l{l}`,
// `bias_hh_l{l}`, optionally `_reverse`) checked for presence, rectangular finite arrays and the shapes of G gate blocks.
// loadTorchStateDict (any depth and direction) and the layers' fromTorchStateDict (single layer) both read through it.
import { NestedArray, Tensor, checkFinite, fmtShape, tensor } from "../tensor";
import type { CellParams } from "../cells";
import { argError } from "../args";

/** The four parameter names of a single-layer `torch.nn.RNN/LSTM/GRU`, keyed by the cell's names. */
export const TORCH_PARAM_NAMES = {
  weight_ih: "weight_ih_l0",
  weight_hh: "weight_hh_l0",
  bias_ih: "bias_ih_l0",
  bias_hh: "bias_hh_l0",
} as const;

/** A PyTorch `state_dict()` as plain JSON: `{ weight_ih_l0: [[…]], weight_hh_l0, bias_ih_l0, bias_hh_l0 }`. */
export type TorchStateJson = Record<string, NestedArray>;

/**
 * Reads and checks the block with key suffix `sfx` (e.g. `"_l0"`, `"_l1_reverse"`) of a state_dict record:
 * `weight_ih [G·H, I]`, `weight_hh [G·H, H]`, `bias_ih [G·H]`, `bias_hh [G·H]`, rectangular and finite.
 * `gates` fixes G (a layer of a known kind; a row count of another kind is named: "3 gate blocks: is this another kind of
 * layer?"); without it G is whatever `weight_hh`'s rows say. Missing biases are zeros with `biases: "zeros"`, an error
 * with `"required"`. Errors name the function, the key and the shapes.
 * @returns copies of the four tensors, under the cell's names
 */
export function readTorchBlock(
  fn: string, rec: Record<string, unknown>, sfx: string, opts: { gates?: number; biases: "required" | "zeros" },
): CellParams {
  if (!rec || typeof rec !== "object" || Array.isArray(rec)) throw argError(fn, "state_dict", "an object of named weights", rec);
  const key = (name: string): string => `${name}${sfx}`;
  const read = (name: string): Tensor => {
    const k = key(name);
    let t: Tensor;
    try {
      const v = rec[k];
      t = v instanceof Tensor ? v.clone() : tensor(v as NestedArray);
    } catch (e) {
      throw new Error(`${fn}: ${k} is not a rectangular array of numbers: ${(e as Error).message}`);
    }
    checkFinite(fn, k, t);
    return t;
  };
  const need = (name: string, why = ""): void => {
    if (!(key(name) in rec)) throw new Error(`${fn}: state_dict is missing ${key(name)}${why}`);
  };
  need("weight_hh");
  need("weight_ih");
  if (opts.biases === "required") for (const b of ["bias_ih", "bias_hh"]) need(b, " (a layer built with bias=False is not supported)");
  const weight_hh = read("weight_hh");
  const weight_ih = read("weight_ih");
  const G = opts.gates;
  const legend = G === undefined ? "G·H" : `${G}·H`;
  if (weight_hh.rank !== 2) throw new Error(`${fn}: ${key("weight_hh")} must be [${legend}, H], got ${fmtShape(weight_hh.shape)}`);
  const [rows, H] = weight_hh.shape;
  const GH = G === undefined ? rows : G * H;
  const expect = (name: string, t: Tensor, dims: number[], l: string): void => {
    if (t.rank !== dims.length || t.shape.some((d, i) => d !== dims[i])) {
      const hint = G !== undefined && t.shape[0] !== GH && H !== 0 && t.shape[0] % H === 0 && t.shape[0] !== 0
        ? ` (${t.shape[0] / H} gate blocks: is this another kind of layer?)` : "";
      throw new Error(`${fn}: ${key(name)} must be [${l}] = ${fmtShape(dims)}, got ${fmtShape(t.shape)}${hint}`);
    }
  };
  if (G !== undefined) {
    expect("weight_hh", weight_hh, [GH, H], `${legend}, H`);
    if (weight_ih.rank !== 2) throw new Error(`${fn}: ${key("weight_ih")} must be [${legend}, I] = [${GH}, I], got ${fmtShape(weight_ih.shape)}`);
    expect("weight_ih", weight_ih, [GH, weight_ih.shape[1]], `${legend}, I`);
  } else if (weight_ih.rank !== 2 || weight_ih.shape[0] !== rows || H === 0 || rows % H !== 0) {
    throw new Error(`${fn}: ${key("weight_hh")} must be [G·H, H] with the rows of ${key("weight_ih")} [G·H, I], got ${fmtShape(weight_hh.shape)} and ${fmtShape(weight_ih.shape)}`);
  }
  const bias = (name: string): Tensor => {
    if (!(key(name) in rec)) return tensor(new Float64Array(GH), [GH]);
    const b = read(name);
    expect(name, b, [GH], legend);
    return b;
  };
  return { weight_ih, weight_hh, bias_ih: bias("bias_ih"), bias_hh: bias("bias_hh") };
}

/**
 * Reads and validates a single-layer PyTorch state_dict for a cell with `gates` blocks (exactly the four `_l0` keys, with
 * biases) through {@link readTorchBlock}.
 * @returns layer options `{ inputSize, hiddenSize, params }` (copies of the arrays): `new LSTM(cellParamsFromTorch(...))`
 */
export function cellParamsFromTorch(fn: string, sd: unknown, gates: number): { inputSize: number; hiddenSize: number; params: CellParams } {
  if (!sd || typeof sd !== "object" || Array.isArray(sd)) throw new Error(`${fn}: expected a state_dict object { weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0 }, got ${Array.isArray(sd) ? "an array" : typeof sd}`);
  const rec = sd as Record<string, unknown>;
  const known = Object.values(TORCH_PARAM_NAMES) as string[];
  const extra = Object.keys(rec).filter((k) => !known.includes(k));
  if (extra.length) {
    throw new Error(`${fn}: only single-layer, unidirectional state_dicts with biases are supported; unexpected key(s) ${extra.join(", ")}`);
  }
  const params = readTorchBlock(fn, rec, "_l0", { gates, biases: "required" });
  return { inputSize: params.weight_ih.shape[1], hiddenSize: params.weight_hh.shape[1], params };
}
