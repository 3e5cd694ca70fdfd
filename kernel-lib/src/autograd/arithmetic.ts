// Broadcasting add, sub, mul, div, and neg, scale: each op's value and its local derivative side by side.
import * as T from "../tensor";
import { Var, accumulate, asVar } from "./var";
import { unbroadcast } from "./broadcast";
import { checkVar } from "./var";
import { argError } from "../args";

/** `a + b` (broadcasting). ∂/∂a = 1, ∂/∂b = 1, each summed back to its operand's shape. */
export function add(a: Var | number, b: Var | number): Var {
  checkVar("ag.add", "a", a, true);
  checkVar("ag.add", "b", b, true);
  const x = asVar(a);
  const y = asVar(b);
  return new Var(T.add(x.value, y.value), [x, y], (g) => {
    accumulate(x, unbroadcast(g, x.shape));
    accumulate(y, unbroadcast(g, y.shape));
  }, "add");
}

/** `a − b` (broadcasting). ∂/∂a = 1, ∂/∂b = −1. */
export function sub(a: Var | number, b: Var | number): Var {
  checkVar("ag.sub", "a", a, true);
  checkVar("ag.sub", "b", b, true);
  const x = asVar(a);
  const y = asVar(b);
  return new Var(T.sub(x.value, y.value), [x, y], (g) => {
    accumulate(x, unbroadcast(g, x.shape));
    accumulate(y, unbroadcast(T.neg(g), y.shape));
  }, "sub");
}

/** `a ∗ b` element-wise (broadcasting). ∂/∂a = b, ∂/∂b = a. */
export function mul(a: Var | number, b: Var | number): Var {
  checkVar("ag.mul", "a", a, true);
  checkVar("ag.mul", "b", b, true);
  const x = asVar(a);
  const y = asVar(b);
  return new Var(T.mul(x.value, y.value), [x, y], (g) => {
    accumulate(x, unbroadcast(T.mul(g, y.value), x.shape));
    accumulate(y, unbroadcast(T.mul(g, x.value), y.shape));
  }, "mul");
}

/** `a / b` element-wise (broadcasting). ∂/∂a = 1/b, ∂/∂b = −a/b². */
export function div(a: Var | number, b: Var | number): Var {
  checkVar("ag.div", "a", a, true);
  checkVar("ag.div", "b", b, true);
  const x = asVar(a);
  const y = asVar(b);
  return new Var(T.div(x.value, y.value), [x, y], (g) => {
    accumulate(x, unbroadcast(T.div(g, y.value), x.shape));
    accumulate(y, unbroadcast(T.neg(T.div(T.mul(g, x.value), T.square(y.value))), y.shape));
  }, "div");
}

/** `−a`. ∂/∂a = −1. */
export function neg(a: Var): Var {
  checkVar("ag.neg", "a", a);
  return new Var(T.neg(a.value), [a], (g) => accumulate(a, T.neg(g)), "neg");
}

/** `s · a` for a constant number `s`. ∂/∂a = s. */
export function scale(a: Var, s: number): Var {
  checkVar("ag.scale", "a", a);
  return new Var(T.scale(a.value, s), [a], (g) => accumulate(a, T.scale(g, s)), "scale");
}
