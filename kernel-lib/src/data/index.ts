// Public surface of src/data: tokenizer, vocabulary, padding, batching, synthetic tasks, the toy data sets and their loading.
export * from "./tokenize";
export * from "./vocab";
export * from "./pad";
export * from "./one-hot";
export * from "./batches";
export * from "./adding-problem";
export * from "./copy-task";
export * from "./sine-waves";
export * from "./datasets";
export * from "./load";
export * from "./dataframe";
export * from "./text-classification";
export * from "./italian-text";
