// Public surface of src/layers.
export {};
export * from "./dense";
export * from "./embedding";
