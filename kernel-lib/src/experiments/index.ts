// Public surface of src/experiments: the comparison protocol (grid, seeds, early stopping), intervals and the sentences they allow.
export * from "./stats";
export * from "./verdict";
export * from "./sizes";
export * from "./early-stopping";
export * from "./protocol";
export * from "./sentiment";
export * from "./adding";
export * from "./copy";
export * from "./translation";
export * from "./attention";
export * from "./char-lm";
export * from "./results-file";
export * from "./step-time";
export * from "./present";
export * from "./caveats";
