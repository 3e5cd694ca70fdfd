// rnnlab: recurrent neural networks from the first equation. Every folder's public names, re-exported.
export * from "./tensor";
export * from "./autograd";
export * from "./cells";
export * from "./seq";
export * from "./layers";
export * from "./losses";
export * from "./optim";
export * from "./train";
export * from "./diagnostics";
export * from "./models";
export * from "./data";
export * from "./interop";
export * from "./persist";
export * from "./experiments";
export * from "./display";
export * as check from "./grading/checks";
export * as hw from "./homework";
