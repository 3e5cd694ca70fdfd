// Counting a module's trainable scalars (for the parameter-count columns of model comparisons).
import type { Module } from "../cells/types";
import { argError } from "../args";

/**
 * The number of trainable scalars of a module: `Σ_p size(p.value)` over `module.parameters()`.
 * @example
 * countParams(new LSTM({ inputSize: 16, hiddenSize: 32 })); // 4·32·(16 + 32 + 2) = 6400
 */
export function countParams(module: Module): number {
  if (!module || typeof (module as Module).parameters !== "function") throw argError("countParams", "module", "a module with parameters() (a layer or a model)", module);
  return module.parameters().reduce((s, p) => s + p.value.size, 0);
}
