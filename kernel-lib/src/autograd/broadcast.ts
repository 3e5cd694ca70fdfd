// Summing a broadcast gradient back to the shape of the operand that was broadcast.
import { Tensor, fmtShape, sameShape, sizeOf, checkTensor } from "../tensor";
import { checkShapeArg } from "../args";

/**
 * The gradient of a broadcast operand: `g` (the output's shape) summed over the axes that
 * broadcasting added or stretched, giving `shape`. E.g. `g [B, H]` → bias `[H]` is `Σ_b g[b, :]`.
 * @param g gradient of the broadcast result
 * @param shape the operand's shape (broadcastable to `g.shape`)
 */
export function unbroadcast(g: Tensor, shape: readonly number[]): Tensor {
  checkTensor("ag.unbroadcast", "g", g);
  checkShapeArg("ag.unbroadcast", "shape", shape);
  if (sameShape(g.shape, shape)) return g;
  const n = g.rank;
  if (shape.length > n) throw new Error(`unbroadcast: shape ${fmtShape(shape)} has more axes than gradient ${fmtShape(g.shape)}`);
  const strides = new Array<number>(n).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const axis = n - shape.length + i;
    if (shape[i] !== 1 && shape[i] !== g.shape[axis]) throw new Error(`unbroadcast: ${fmtShape(shape)} does not broadcast to ${fmtShape(g.shape)}`);
    strides[axis] = shape[i] === 1 ? 0 : s;
    s *= shape[i];
  }
  const out = new Float64Array(sizeOf(shape));
  const idx = new Array<number>(n).fill(0);
  let o = 0;
  for (let k = 0; k < g.size; k++) {
    out[o] += g.data[k];
    for (let axis = n - 1; axis >= 0; axis--) {
      idx[axis]++;
      o += strides[axis];
      if (idx[axis] < g.shape[axis]) break;
      o -= strides[axis] * g.shape[axis];
      idx[axis] = 0;
    }
  }
  return new Tensor(out, shape);
}
