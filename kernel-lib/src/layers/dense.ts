// The dense (fully connected) layer y = x Wᵀ + b, the head on top of a recurrent layer; forward and backward side by side.
import { Rng, Tensor, checkFiniteFor32, checkShape, fmtShape, gemm, getRng, precision, uniform, zeros } from "../tensor";
import { sumRowsInto, type Module, type Param } from "../cells/types";
import { checkAllocation, checkBoolean, checkInstance, checkOptions, checkSize } from "../args";

/** Options of {@link Dense}. */
export interface DenseOptions {
  inputSize: number;
  outputSize: number;
  /** Add the bias b (default true). */
  bias?: boolean;
  /** Initialisation draws from this generator (default: the global one). */
  rng?: Rng;
}

/**
 * A dense layer `y = x Wᵀ + b` with `W: [O, I]`, `b: [O]` in PyTorch's `nn.Linear` layout and initialisation
 * `U(−1/√I, 1/√I)`. Works on rows `[N, I]` and on time-major sequences `[T, B, I]` (flattened to `T·B` rows).
 * Backward adds into `grads` (`dW += dyᵀ x`, `db += Σ_n dy_n`) and returns `dx = dy W`.
 * @example
 * const head = new Dense({ inputSize: 16, outputSize: 3, rng: new Rng(0) });
 * const logits = head.forward(lstmOut.outputs);   // [T, B, 3]
 * const dOutputs = head.backward(dLogits);        // [T, B, 16]
 */
export class Dense implements Module {
  readonly inputSize: number;
  readonly outputSize: number;
  /** `weight [O, I]`, `bias [O]` (PyTorch names). */
  readonly params: { weight: Tensor; bias?: Tensor };
  /** Gradients with the shapes of `params`; backward adds into them. */
  readonly grads: { weight: Tensor; bias?: Tensor };
  private lastX: Tensor | null = null;

  constructor(opts: DenseOptions) {
    const { inputSize: I, outputSize: O, bias = true, rng = getRng() } = checkOptions("Dense", "opts", opts ?? null);
    for (const [k, v] of [["inputSize", I], ["outputSize", O]] as const) checkSize("Dense", k, v);
    checkBoolean("Dense", "bias", bias);
    checkInstance("Dense", "rng", rng, Rng, "an Rng (e.g. new Rng(0)) or undefined for the global one");
    checkAllocation("Dense", `inputSize = ${I}, outputSize = ${O}`, { weight: [O, I] });
    this.inputSize = I;
    this.outputSize = O;
    const k = 1 / Math.sqrt(I);
    const weight = uniform([O, I], { low: -k, high: k, rng });
    this.params = bias ? { weight, bias: uniform([O], { low: -k, high: k, rng }) } : { weight };
    this.grads = bias ? { weight: zeros([O, I]), bias: zeros([O]) } : { weight: zeros([O, I]) };
  }

  /**
   * `y = x Wᵀ + b`.
   * @param x `[N, I]` or `[T, B, I]`
   * @returns `[N, O]` or `[T, B, O]`
   */
  forward(x: Tensor): Tensor {
    const rows = this.rowsOf("Dense.forward", "x", x, this.inputSize, "I");
    checkFiniteFor32("Dense.forward", "x", x);
    const { weight, bias } = this.params;
    // float32 products round the weights too: one scan per forward refuses a weight beyond ±3.4e38 by name
    if (precision() === "float32") for (const p of this.parameters()) checkFiniteFor32("Dense.forward", p.name, p.value);
    const O = this.outputSize;
    const y = new Float64Array(rows * O);
    // the bias in every row, then the product added to it: each y = (x Wᵀ) + b, the product's sum rounded, then + b
    if (bias) for (let n = 0; n < rows; n++) y.set(bias.data, n * O);
    gemm(y, x.data, weight.data, rows, O, this.inputSize, false, true, bias !== undefined);
    this.lastX = x;
    return new Tensor(y, [...x.shape.slice(0, -1), O]);
  }

  /**
   * Backward of the last forward: `dW += dyᵀ x`, `db += Σ_n dy_n`, returns `dx = dy W`.
   * @param dy `[N, O]` or `[T, B, O]`, the shape of the last output
   * @returns dx, the shape of the last input
   */
  backward(dy: Tensor): Tensor {
    const x = this.lastX;
    if (!x) throw new Error("Dense.backward: call forward first");
    checkShape("Dense.backward", "dy", dy, [...x.shape.slice(0, -1), this.outputSize]);
    checkFiniteFor32("Dense.backward", "dy", dy);
    const rows = x.size / this.inputSize;
    const [O, I] = [this.outputSize, this.inputSize];
    gemm(this.grads.weight.data, dy.data, x.data, O, I, rows, true, false, true);
    const db = this.grads.bias;
    if (db) sumRowsInto(db.data, dy.data, rows, O);
    const dx = new Float64Array(rows * I);
    gemm(dx, dy.data, this.params.weight.data, rows, I, O);
    return new Tensor(dx, x.shape);
  }

  /** `weight` and (if present) `bias` with their gradients. */
  parameters(): Param[] {
    const ps: Param[] = [{ name: "weight", value: this.params.weight, grad: this.grads.weight }];
    if (this.params.bias && this.grads.bias) ps.push({ name: "bias", value: this.params.bias, grad: this.grads.bias });
    return ps;
  }

  /** Resets the gradients to 0. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad.data.fill(0);
  }

  private rowsOf(fn: string, name: string, x: Tensor, last: number, sym: string): number {
    if (!(x instanceof Tensor) || (x.rank !== 2 && x.rank !== 3) || x.shape[x.rank - 1] !== last) {
      const got = x instanceof Tensor ? fmtShape(x.shape) : typeof x;
      throw new Error(`${fn}: ${name} must be [N, ${sym}] or [T, B, ${sym}] with ${sym} = ${last}, got ${got}`);
    }
    return x.size / last;
  }
}
