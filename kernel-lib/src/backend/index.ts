// Public surface of src/backend: choosing the backend (`setBackend`) and the interface a backend implements.
export * from "./backend";
