// One-hot encoding of integer ids: [T, B] → [T, B, V].
import { Tensor } from "../tensor";
import { argError, checkSize } from "../args";

/**
 * One-hot vectors: `out[..., v] = 1` where `ids[...] = v`, else 0. Works for any shape (`[T, B]` → `[T, B, V]`, `[N]` → `[N, V]`).
 * @param ids integer ids in [0, V), e.g. `[T, B]` from {@link padSequences}
 * @param V number of classes (vocabulary size)
 * @example
 * oneHot(tensor([[1], [0]]), 3).toArray(); // [[[0, 1, 0]], [[1, 0, 0]]]
 */
export function oneHot(ids: Tensor | readonly number[], V: number): Tensor {
  if (!(ids instanceof Tensor) && !(Array.isArray(ids) && ids.every((v) => typeof v === "number"))) throw argError("oneHot", "ids", "a Tensor or an array of ids", ids);
  checkSize("oneHot", "V", V);
  const t = ids instanceof Tensor ? ids : new Tensor(Float64Array.from(ids), [ids.length]);
  if (!Number.isInteger(V) || V <= 0) throw new Error(`oneHot: V must be a positive integer, got ${V}`);
  const out = new Float64Array(t.data.length * V);
  for (let i = 0; i < t.data.length; i++) {
    const v = t.data[i];
    if (!Number.isInteger(v) || v < 0 || v >= V) throw new Error(`oneHot: ids must be integers in [0, ${V}), got ${v} at flat index ${i}`);
    out[i * V + v] = 1;
  }
  return new Tensor(out, [...t.shape, V]);
}
