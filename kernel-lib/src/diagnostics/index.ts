// Public surface of src/diagnostics.
export {};
