// Public surface of src/data.
export {};
