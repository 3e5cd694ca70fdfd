// Public surface of src/layers.
export {};
