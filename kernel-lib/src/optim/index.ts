// Public surface of src/optim: optimizers that update Param values in place, and gradient clipping.
export * from "./optimizer";
export * from "./sgd";
export * from "./adagrad";
export * from "./rmsprop";
export * from "./adam";
export * from "./clip";
