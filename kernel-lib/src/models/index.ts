// Public surface of src/models.
export {};
export * from "./seq2seq";
export * from "./beam";
export type { DecodeResult } from "./greedy";
export * from "./bleu";
export * from "./classifier-batch";
export * from "./classifier-count-params";
export * from "./classifier-loss";
export * from "./classifier-base";
export * from "./classifier";
export * from "./bag-of-words";
export * from "./classifier-experiment";
export * from "./regressor";
export * from "./regressor-experiment";
export * from "./char-lm";
export * from "./char-lm-text";
export * from "./attention";
export * from "./attention-seq2seq";
