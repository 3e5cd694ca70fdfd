// The nonlinearities of the cells, each beside its derivative written in terms of its output.
import { Tensor, checkTensor } from "./tensor";
import { checkOneOf, describe } from "../args";
import { map } from "./elementwise";

/** `σ(x) = 1 / (1 + e^{−x})`, computed without overflow for large |x|. */
export function sigmoidScalar(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** `σ(x) = 1 / (1 + e^{−x})` element-wise. @example sigmoid(tensor([0])) // [0.5] */
export function sigmoid(a: Tensor): Tensor {
  checkTensor("sigmoid", "a", a);
  return map(a, sigmoidScalar);
}
/** `tanh(x)` element-wise. */
export function tanh(a: Tensor): Tensor {
  checkTensor("tanh", "a", a);
  return map(a, Math.tanh);
}
/** `relu(x) = max(0, x)` element-wise. */
export function relu(a: Tensor): Tensor {
  checkTensor("relu", "a", a);
  return map(a, (x) => (x > 0 ? x : 0));
}

/** The activations a recurrent cell can use. */
export type Activation = "tanh" | "relu" | "sigmoid";

/** `φ(x)` for a named activation, on one number. */
export function activate(name: Activation, x: number): number {
  switch (name) {
    case "tanh":
      return Math.tanh(x);
    case "relu":
      return x > 0 ? x : 0;
    case "sigmoid":
      return sigmoidScalar(x);
    default:
      throw new Error(`activate: unknown activation "${name}", expected "tanh", "relu" or "sigmoid"`);
  }
}

/**
 * `φ'(x)` written in terms of the output `y = φ(x)`, which is what the forward pass caches:
 * tanh' = 1 − y², σ' = y(1 − y), relu' = [y > 0].
 */
export function activateGradFromOutput(name: Activation, y: number): number {
  switch (name) {
    case "tanh":
      return 1 - y * y;
    case "relu":
      return y > 0 ? 1 : 0;
    case "sigmoid":
      return y * (1 - y);
    default:
      throw new Error(`activateGradFromOutput: unknown activation "${name}"`);
  }
}

/** Applies a named activation to every element. */
export function applyActivation(name: Activation, a: Tensor): Tensor {
  if (name !== "tanh" && name !== "relu" && name !== "sigmoid") {
    throw new Error(`applyActivation: unknown activation ${describe(name)}, expected "tanh", "relu" or "sigmoid"`);
  }
  checkTensor("applyActivation", "a", a);
  return map(a, (x) => activate(name, x));
}

/** `φ'(x)` element-wise for a named activation (from inputs, for plots of the derivatives). */
export function activationDerivative(name: Activation, a: Tensor): Tensor {
  checkOneOf("activationDerivative", "name", name, ["tanh", "relu", "sigmoid"] as const);
  checkTensor("activationDerivative", "a", a);
  return map(a, (x) => activateGradFromOutput(name, activate(name, x)));
}
