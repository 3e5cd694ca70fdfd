// Public surface of src/interop.
export {};
