// Public surface of src/interop: PyTorch state_dicts in and out of rnnlab layers.
export * from "./state-dict";
export * from "./torch-params";
export * from "./layer-from-torch";
