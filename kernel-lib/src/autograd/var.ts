// The tape: a Var holds a tensor value, its gradient and the closure that sends gradient to its parents.
import { Tensor, addInPlace, fmtShape, ones, sameShape, sizeOf, tensor } from "../tensor";
import { argError } from "../args";

/**
 * A node of the reverse-mode tape (micrograd's `Value`, over tensors).
 * `value` is the forward result; `grad` (same shape, `null` until backward reaches it) is ∂L/∂value;
 * `parents` are the inputs of the op that made it and `backwardFn` adds this node's gradient,
 * times the op's local derivative, into each parent's `grad`.
 * @example
 * const x = new Var(rl.tensor([1, 2, 3]));
 * const y = ag.sum(ag.square(x));
 * y.backward();
 * x.grad!.toArray(); // [2, 4, 6]
 */
export class Var {
  /** The forward value. */
  readonly value: Tensor;
  /** ∂L/∂value after {@link Var.backward}, accumulated with `+=`; `null` before. */
  grad: Tensor | null = null;
  /** The op's inputs (empty for a leaf). */
  readonly parents: readonly Var[];
  /** Adds `grad` × local derivative into the parents' grads; `null` for a leaf. */
  readonly backwardFn: ((grad: Tensor) => void) | null;
  /** The op that made this node (`"leaf"` for inputs), for printing the tape. */
  readonly op: string;
  /** An optional label, e.g. the parameter name. */
  name?: string;

  /**
   * @param value the tensor this node holds (not copied)
   * @param parents inputs of the op (omit for a leaf)
   * @param backwardFn local derivative rule (omit for a leaf)
   * @param op the op's name
   */
  constructor(value: Tensor, parents: readonly Var[] = [], backwardFn: ((grad: Tensor) => void) | null = null, op = "leaf") {
    if (!(value instanceof Tensor)) throw argError("Var", "value", "a Tensor", value);
    if (!Array.isArray(parents) || !parents.every((q) => q instanceof Var)) throw argError("Var", "parents", "an array of Var", parents);
    if (backwardFn !== null && typeof backwardFn !== "function") throw argError("Var", "backwardFn", "a function or null", backwardFn);
    this.value = value;
    this.parents = parents;
    this.backwardFn = backwardFn;
    this.op = op;
  }

  /** The value's shape. */
  get shape(): number[] {
    return this.value.shape;
  }

  /** The single value of a one-element Var. */
  item(): number {
    return this.value.item();
  }

  /** Resets `grad` to `null` (leaves accumulate over calls to backward until this). */
  zeroGrad(): void {
    this.grad = null;
  }

  /**
   * Reverse-mode sweep: seeds ∂L/∂this (ones for a one-element Var, else `seedGrad`) and visits the
   * tape in reverse topological order, each node adding into its parents' grads. Gradients
   * of intermediate nodes are reset first, leaves accumulate.
   * @param seedGrad ∂L/∂this, required unless this Var has one element
   */
  backward(seedGrad?: Tensor): void {
    backward(this, seedGrad);
  }

  /** `Var[2, 3] (tanh)`. */
  toString(): string {
    return `Var${fmtShape(this.shape)} (${this.op}${this.name ? ` ${this.name}` : ""})`;
  }
}

/** Throws unless `v` is a Var (`ag.exp: a must be a Var (e.g. ag.variable(t)), got a Tensor [2]`); numbers too when `numbers`. */
export function checkVar(fn: string, name: string, v: unknown, numbers = false): void {
  if (v instanceof Var || (numbers && typeof v === "number")) return;
  throw argError(fn, name, `a Var (e.g. ag.variable(t))${numbers ? " or a number" : ""}`, v);
}

/** A leaf Var from a tensor or nested arrays (the tensor is not copied). */
export function variable(value: Tensor | number | number[] | number[][], name?: string): Var {
  if (!(value instanceof Tensor) && typeof value !== "number" && !Array.isArray(value)) throw argError("ag.variable", "value", "a Tensor, a number or nested arrays of numbers", value);
  let t: Tensor;
  try {
    t = value instanceof Tensor ? value : tensor(value as any);
  } catch (e) {
    throw new Error(`ag.variable: value must be a Tensor, a number or rectangular nested arrays of numbers (${(e as Error).message})`);
  }
  const v = new Var(t);
  if (name) v.name = name;
  return v;
}

/** Wraps a number or tensor as a leaf Var; passes Vars through. */
export function asVar(x: Var | Tensor | number): Var {
  if (x instanceof Var) return x;
  if (typeof x === "number") return new Var(new Tensor(new Float64Array([x]), []));
  if (!(x instanceof Tensor)) throw argError("ag.asVar", "x", "a Var, a Tensor or a number", x);
  return new Var(x);
}

/** Adds `g` into `v.grad` (allocating on first use); checks the shape. */
export function accumulate(v: Var, g: Tensor): void {
  if (!sameShape(v.shape, g.shape)) {
    if (sizeOf(v.shape) !== g.size) throw new Error(`backward: gradient ${fmtShape(g.shape)} does not fit ${v} `);
    g = g.reshape(v.shape);
  }
  if (v.grad === null) v.grad = g.clone();
  else addInPlace(v.grad, g);
}

/** Every node reachable from `root`, parents before children (iterative DFS: long unrolls do not overflow the stack). */
export function topoOrder(root: Var): Var[] {
  checkVar("ag.topoOrder", "root", root);
  const order: Var[] = [];
  const seen = new Set<Var>();
  const stack: [Var, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, k] = top;
    if (k < node.parents.length) {
      top[1]++;
      const p = node.parents[k];
      if (!seen.has(p)) {
        seen.add(p);
        stack.push([p, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order;
}

/**
 * Runs the reverse sweep from `root` (see {@link Var.backward}).
 * @param root the output, usually a scalar loss
 * @param seedGrad ∂L/∂root, default ones for a one-element root
 */
export function backward(root: Var, seedGrad?: Tensor): void {
  checkVar("ag.backward", "root", root);
  if (seedGrad !== undefined && !(seedGrad instanceof Tensor)) throw argError("backward", "seedGrad", `a Tensor shaped like the root ${fmtShape(root.shape)} or undefined`, seedGrad);
  if (seedGrad === undefined && root.value.size !== 1) {
    throw new Error(`backward: root ${root} is not a scalar; pass seedGrad of shape ${fmtShape(root.shape)}`);
  }
  const order = topoOrder(root);
  for (const v of order) if (v.backwardFn !== null) v.grad = null;
  accumulate(root, seedGrad ?? ones(root.shape));
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    if (v.backwardFn !== null && v.grad !== null) v.backwardFn(v.grad);
  }
}
