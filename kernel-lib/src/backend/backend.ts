// The seam between the lesson and the fast kernels: a backend supplies the products (tensor level) and, per built-in cell, whole-
// sequence forward and backward kernels (time-loop level). `"reference"` supplies plain JS products and no sequence kernels,
// so `unroll`/`bptt` step the cells' own forward and backward; `"fast"` (kernel-lib/src/fast) registers itself when loaded.
import { JS_TENSOR_KERNELS, TensorKernels, installTensorKernels } from "../tensor/kernels";
import { SequenceKernels, installSequenceKernels } from "../seq/kernels";
import { checkBoolean, checkFunction, checkObject, checkOneOf, checkOptions, describe } from "../args";

/** The backends: `"reference"` (the cells, stepped; plain JS products) and `"fast"` (the default: SIMD, native, fused time loops). */
export type BackendName = "reference" | "fast";

/** One backend: the kernels it installs at each level of the seam. */
export interface Backend {
  readonly name: BackendName;
  /** `gemm`, the finite-value scans and the rows of a softmax. */
  readonly tensor: TensorKernels;
  /** Whole-sequence kernels for the built-in cells, or null: the time loop steps the cells. */
  readonly sequences: SequenceKernels | null;
}

/** The lesson as written: plain JS products (each element summed in increasing k), every cell stepped by the one time loop. */
export const REFERENCE_BACKEND: Backend = { name: "reference", tensor: JS_TENSOR_KERNELS, sequences: null };

const registered = new Map<BackendName, Backend>([["reference", REFERENCE_BACKEND]]);
let current: Backend = REFERENCE_BACKEND;
let chosen = false;

/**
 * Selects the backend every later product, `unroll`, `bptt` and layer call uses.
 * - `"reference"`: the cells' own `…CellForward`/`…CellBackward` stepped by `unroll`/`bptt`, products in plain JS: the code a
 *   student steps into is the lesson. Always float64.
 * - `"fast"` (default once the package index has loaded it; a process importing only submodules such as `src/models` runs
 *   `"reference"`): the same results up to round-off (bit-identical on every machine for a given backend and precision),
 *   from whole-sequence kernels, SIMD products and the optional native add-on; `setPrecision("float32")` applies here.
 * @param name `"reference"` or `"fast"`
 * @example
 * rl.setBackend("reference"); // step into layer.forward and land in cells/lstm.ts
 */
export function setBackend(name: BackendName): void {
  const b = registered.get(name);
  if (b === undefined) {
    throw new Error(`setBackend: name must be ${[...registered.keys()].map((k) => JSON.stringify(k)).join(" or ")}, got ${describe(name)}`);
  }
  use(b);
  chosen = true;
}

/** The name of the backend in use (see {@link setBackend}). */
export function getBackend(): BackendName {
  return current.name;
}

/**
 * Makes a backend selectable by {@link setBackend}; the first `"fast"` registered becomes the default unless a backend was
 * chosen already. Called by the backend's own module when it loads.
 */
export function registerBackend(b: Backend, opts: { default?: boolean } = {}): void {
  const fn = "registerBackend";
  checkObject(fn, "b", b, "{ name, tensor, sequences } (a Backend)");
  checkOneOf(fn, "b.name", b.name, ["reference", "fast"] as const);
  checkObject(fn, "b.tensor", b.tensor, "of tensor kernels (TensorKernels)");
  for (const k of Object.keys(JS_TENSOR_KERNELS) as (keyof TensorKernels)[]) checkFunction(fn, `b.tensor.${k}`, b.tensor[k]);
  if (b.sequences !== null) checkObject(fn, "b.sequences", b.sequences, "of sequence kernels (SequenceKernels) or null");
  checkOptions(fn, "opts", opts, ["default"]);
  if (opts.default !== undefined) checkBoolean(fn, "opts.default", opts.default);
  registered.set(b.name, b);
  if (opts.default && !chosen) use(b);
}

function use(b: Backend): void {
  current = b;
  installTensorKernels(b.tensor);
  installSequenceKernels(b.sequences);
}
