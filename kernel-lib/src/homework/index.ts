// The homework helpers, exported as `rl.hw`: the homeworks' parameter records in the "columns are examples" layout, rnnlab's cells mapped to it as references, the losses the tests differentiate, and homework 4's copy-task model and accuracy.
export * from "./lstm";
export * from "./gru";
export * from "./copy-model";
