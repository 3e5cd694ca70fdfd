// Public surface of src/cells: the RNN, LSTM and GRU cells, their shared types and initialisation.
export * from "./types";
export * from "./affine";
export * from "./rnn";
export * from "./lstm";
export * from "./gru";
export * from "./descriptors";
export * from "./init";
