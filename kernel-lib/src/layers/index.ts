// Public surface of src/layers: the recurrent layers (RNN, LSTM, GRU) and the heads.
export * from "./recurrent";
export * from "./rnn";
export * from "./lstm";
export * from "./gru";
export * from "./dense";
export * from "./embedding";
