// Public surface of src/losses: each loss returns its value and its gradient together.
export type { RowMask, Targets } from "./mask";
export * from "./softmax-cross-entropy";
export * from "./mse";
export * from "./binary-cross-entropy";
export * from "./accuracy";
