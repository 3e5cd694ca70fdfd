// Public surface of src/layers: the recurrent layers (RNN, LSTM, GRU) and the heads.
export * from "./recurrent";
export * from "./rnn";
export * from "./lstm";
export * from "./gru";
export * from "./rnnlab-section";
export * from "./time-reverse";
export * from "./stacked-from-torch";
export * from "./stacked";
export * from "./dense";
export * from "./embedding";
