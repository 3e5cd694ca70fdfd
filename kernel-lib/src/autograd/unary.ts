// Element-wise nonlinearities: tanh, sigmoid, relu, exp, log, square, with derivatives from the output where cheaper.
import * as T from "../tensor";
import { Var, accumulate } from "./var";
import { checkVar } from "./var";
import { argError } from "../args";

/** `y = tanh x`. ∂y/∂x = 1 − y². */
export function tanh(a: Var): Var {
  checkVar("ag.tanh", "a", a);
  const y = T.tanh(a.value);
  return new Var(y, [a], (g) => accumulate(a, T.map(g, (gi, i) => gi * (1 - y.data[i] * y.data[i]))), "tanh");
}

/** `y = σ(x) = 1 / (1 + e^{−x})`. ∂y/∂x = y (1 − y). */
export function sigmoid(a: Var): Var {
  checkVar("ag.sigmoid", "a", a);
  const y = T.sigmoid(a.value);
  return new Var(y, [a], (g) => accumulate(a, T.map(g, (gi, i) => gi * y.data[i] * (1 - y.data[i]))), "sigmoid");
}

/** `y = max(x, 0)`. ∂y/∂x = 1 where x > 0, else 0. */
export function relu(a: Var): Var {
  checkVar("ag.relu", "a", a);
  const x = a.value;
  return new Var(T.relu(x), [a], (g) => accumulate(a, T.map(g, (gi, i) => (x.data[i] > 0 ? gi : 0))), "relu");
}

/** `y = e^x`. ∂y/∂x = y. */
export function exp(a: Var): Var {
  checkVar("ag.exp", "a", a);
  const y = T.exp(a.value);
  return new Var(y, [a], (g) => accumulate(a, T.mul(g, y)), "exp");
}

/** `y = ln x`. ∂y/∂x = 1/x. */
export function log(a: Var): Var {
  checkVar("ag.log", "a", a);
  const x = a.value;
  return new Var(T.log(x), [a], (g) => accumulate(a, T.div(g, x)), "log");
}

/** `y = x²`. ∂y/∂x = 2x. */
export function square(a: Var): Var {
  checkVar("ag.square", "a", a);
  const x = a.value;
  return new Var(T.square(x), [a], (g) => accumulate(a, T.map(g, (gi, i) => 2 * x.data[i] * gi)), "square");
}
