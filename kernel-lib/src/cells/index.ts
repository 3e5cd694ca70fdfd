// Public surface of src/cells.
export {};
