// Public surface of src/autograd.
export {};
