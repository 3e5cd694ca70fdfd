// Public surface of src/models.
export {};
