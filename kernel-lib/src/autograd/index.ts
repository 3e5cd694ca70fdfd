// Public surface of src/autograd: the Var tape, the `ag` namespace of ops, and the functional gradient front-ends.
export * as ag from "./ops";
export { Var } from "./var";
export { valueAndGrad, gradOf, valueAndGradRecord } from "./grad";
export type { ValueAndGrad } from "./grad";
export { unrollVar, autogradCell } from "./cell";
export type { VarState, VarStep, VarUnroll, AutogradCell, AutogradParam } from "./cell";
