// Public surface of src/models.
export {};
export * from "./seq2seq";
export * from "./beam";
export * from "./bleu";
