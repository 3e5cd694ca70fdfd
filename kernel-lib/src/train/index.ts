// Public surface of src/train: the training loop, evaluation, and their types.
export * from "./types";
export { fit } from "./fit";
export type { FitOptions } from "./fit";
export { evaluate } from "./evaluate";
