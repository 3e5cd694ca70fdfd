// Public surface of src/optim.
export {};
