// Public surface of src/seq.
export {};
