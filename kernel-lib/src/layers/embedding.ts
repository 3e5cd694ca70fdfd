// The embedding lookup (token ids → vectors) and its backward, a scatter-add into the table's gradient.
import { NestedArray, Rng, Tensor, checkFinite, fmtShape, getRng, randn, tensor, zeros } from "../tensor";
import type { Module, Param } from "../cells/types";
import { argError, checkAllocation, checkInstance, checkOptions, checkSize, describe } from "../args";

/** Options of {@link Embedding}. */
export interface EmbeddingOptions {
  /** V, the vocabulary size. */
  numEmbeddings: number;
  /** E, the vector size. */
  dim: number;
  /** A row kept at zero that never receives gradient (the padding token), as PyTorch's `padding_idx`. */
  paddingIdx?: number;
  rng?: Rng;
}

/**
 * An embedding table `weight: [V, E]` (PyTorch's `nn.Embedding` layout and `N(0, 1)` initialisation):
 * `out[t, b] = weight[ids[t, b]]`. Backward scatter-adds: `dW[ids[t, b]] += dOut[t, b]` (a token seen twice
 * gets both gradients), skipping `paddingIdx`.
 * @example
 * const emb = new Embedding({ numEmbeddings: 100, dim: 8, paddingIdx: 0, rng: new Rng(1) });
 * const x = emb.forward([[5, 7], [9, 0]]);   // ids [T=2, B=2] → [2, 2, 8]
 */
export class Embedding implements Module {
  readonly numEmbeddings: number;
  readonly dim: number;
  readonly paddingIdx: number | undefined;
  /** `weight [V, E]`. */
  readonly params: { weight: Tensor };
  /** `weight [V, E]`; backward adds into it. */
  readonly grads: { weight: Tensor };
  private lastIds: Float64Array | null = null;
  private lastShape: number[] = [];

  constructor(opts: EmbeddingOptions) {
    const { numEmbeddings: V, dim: E, paddingIdx, rng = getRng() } = checkOptions("Embedding", "opts", opts ?? null);
    for (const [k, v] of [["numEmbeddings", V], ["dim", E]] as const) checkSize("Embedding", k, v);
    if (paddingIdx !== undefined && !(Number.isInteger(paddingIdx) && paddingIdx >= 0 && paddingIdx < V)) {
      throw new Error(`Embedding: paddingIdx must be an integer in [0, ${V}), got ${describe(paddingIdx)}`);
    }
    checkInstance("Embedding", "rng", rng, Rng, "an Rng (e.g. new Rng(0)) or undefined for the global one");
    checkAllocation("Embedding", `numEmbeddings = ${V}, dim = ${E}`, { weight: [V, E] });
    this.numEmbeddings = V;
    this.dim = E;
    this.paddingIdx = paddingIdx;
    const weight = randn([V, E], { rng });
    if (paddingIdx !== undefined) weight.data.fill(0, paddingIdx * E, (paddingIdx + 1) * E);
    this.params = { weight };
    this.grads = { weight: zeros([V, E]) };
  }

  /**
   * Looks up each id.
   * @param ids integer ids in `[0, V)`: a Tensor or nested arrays, e.g. `[T, B]` (any shape)
   * @returns `[...ids.shape, E]`, e.g. `[T, B, E]`
   */
  forward(ids: Tensor | NestedArray): Tensor {
    const t = ids instanceof Tensor ? ids : idsTensor(ids);
    const [V, E] = [this.numEmbeddings, this.dim];
    const out = new Float64Array(t.size * E);
    for (let n = 0; n < t.size; n++) {
      const id = t.data[n];
      if (!Number.isInteger(id) || id < 0 || id >= V) {
        throw new Error(`Embedding.forward: id ${id} at flat position ${n} of ids ${fmtShape(t.shape)} is out of range [0, ${V})`);
      }
      out.set(this.params.weight.data.subarray(id * E, id * E + E), n * E);
    }
    this.lastIds = t.data.slice();
    this.lastShape = t.shape.slice();
    return new Tensor(out, [...t.shape, E]);
  }

  /**
   * Scatter-adds `dOut` into the table's gradient (`dW[id] += dOut[…]`), skipping `paddingIdx`.
   * @param dOut `[...ids.shape, E]` of the last forward
   */
  backward(dOut: Tensor): void {
    const ids = this.lastIds;
    if (!ids) throw new Error("Embedding.backward: call forward first");
    const want = [...this.lastShape, this.dim];
    if (!(dOut instanceof Tensor) || fmtShape(dOut.shape) !== fmtShape(want)) {
      throw new Error(`Embedding.backward: dOut must be ${fmtShape(want)}, got ${dOut instanceof Tensor ? fmtShape(dOut.shape) : typeof dOut}`);
    }
    checkFinite("Embedding.backward", "dOut", dOut);
    const E = this.dim;
    const dW = this.grads.weight.data;
    for (let n = 0; n < ids.length; n++) {
      const id = ids[n];
      if (id === this.paddingIdx) continue;
      for (let e = 0; e < E; e++) dW[id * E + e] += dOut.data[n * E + e];
    }
  }

  /** The table with its gradient. */
  parameters(): Param[] {
    return [{ name: "weight", value: this.params.weight, grad: this.grads.weight }];
  }

  /** Resets the gradient to 0. */
  zeroGrad(): void {
    this.grads.weight.data.fill(0);
  }
}

/** Nested arrays of ids as a Tensor; anything else (or a ragged array) is named as Embedding.forward's `ids`. */
function idsTensor(ids: unknown): Tensor {
  const what = "a Tensor or (rectangular) nested arrays of integer ids";
  if (!Array.isArray(ids) && typeof ids !== "number") throw argError("Embedding.forward", "ids", what, ids);
  try {
    return tensor(ids as NestedArray);
  } catch {
    throw argError("Embedding.forward", "ids", what, ids);
  }
}
