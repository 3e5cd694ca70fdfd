// The tensor layer's public surface.
export * from "./tensor";
export * from "./create";
export * from "./random";
export * from "./elementwise";
export * from "./activations";
export * from "./matmul";
export * from "./precision";
export * from "./shape-ops";
export * from "./reduce";
