// The argument checks every public entry uses (one line per argument).
export * from "./check";
export * from "./debug";
