// The debug switch (like TensorFlow.js's debug mode): when on, every optimizer step checks the gradients it reads and the weights it writes.
import { checkBoolean } from "./check";

let debug = false;

/**
 * Turns debug mode on or off (default off). In debug mode each optimizer step first checks every gradient is finite
 * (an error names the parameter, the index and the step, and the weights are left unchanged), then checks every updated
 * weight (an exploding update is named at the step it happens, not at the next forward pass). `fit` does the same for
 * an optimizer of its own. Costs one pass over the parameters per step.
 * @example
 * rl.setDebug(true);   // while hunting a NaN
 */
export function setDebug(on: boolean): void {
  debug = checkBoolean("setDebug", "on", on);
}

/** True in debug mode (see {@link setDebug}). */
export function debugMode(): boolean {
  return debug;
}
