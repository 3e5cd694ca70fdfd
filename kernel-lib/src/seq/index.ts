// Public surface of src/seq: one unroll and one BPTT for every cell, truncated BPTT, masks and wiring helpers.
export * from "./types";
export * from "./mask";
export * from "./unroll";
export * from "./bptt";
export * from "./truncated";
export * from "./checkpoint";
export * from "./wiring";
