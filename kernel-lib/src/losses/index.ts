// Public surface of src/losses.
export {};
