// Public surface of src/diagnostics: gradient checking, spectral radius, gate saturation, vanishing ratio.
export * from "./grad-check";
export * from "./spectral";
export * from "./gates";
export * from "./vanishing";
export * from "./numeric-grad";
