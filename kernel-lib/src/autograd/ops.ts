// Every autograd op, gathered so the index can publish them under the `ag` namespace (their names mirror the tensor ops).
export { Var, variable, asVar, backward, topoOrder } from "./var";
export { unbroadcast } from "./broadcast";
export { add, sub, mul, div, neg, scale } from "./arithmetic";
export { tanh, sigmoid, relu, exp, log, square } from "./unary";
export { matmul, transpose } from "./linear";
export { sum, mean } from "./reduce";
export { reshape, concat, slice, split, index, stack } from "./shape";
export { softmax, logSoftmax, logSumExp } from "./softmax";
export { pick, softmaxCrossEntropy, mse } from "./losses";
export { valueAndGrad, agGrad as grad, valueAndGradRecord } from "./grad";
export { unrollVar, autogradCell } from "./cell";
