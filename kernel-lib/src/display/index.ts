// Public surface of src/display.
export {};
