// The rnnlab of a given checkout, for the children of compare-trees.ts and count-instructions.ts: only type imports here, so
// loading this file loads no rnnlab.
import * as path from "node:path";
import type * as RL from "../kernel-lib/src";

/**
 * The package index of the checkout at `tree` (it installs its own fast kernels, as `import * as rl from "rnnlab"` would),
 * on one thread, in `precision`, with the native kernels of `isa` when given (throws when that checkout cannot run them).
 */
export function loadTree(tree: string, precision: string, isa?: string): typeof RL {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rl = require(path.resolve(tree, "kernel-lib", "src")) as typeof RL;
  rl.setGemmThreads(1);
  if (isa) {
    const inUse = rl.setNativeKernels(true, isa as "avx512f" | "avx2" | "128-bit");
    if (inUse !== isa) throw new Error(`loadTree: ${isa} is not available in ${tree} (the add-on runs ${inUse || "nothing"})`);
  }
  rl.setPrecision(precision as "float64" | "float32");
  return rl;
}

/** What the loaded checkout runs its products with: the add-on's ISA, or "wasm". */
export function kernelsOf(rl: typeof RL): string {
  const nk = rl.nativeKernels();
  return nk.available && nk.enabled ? nk.isa : "wasm";
}
