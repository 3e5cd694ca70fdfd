// Diagrams drawn by the library: pure SVG builders (no DOM, deterministic) in the notebooks' notation.
export { lstmCellSvg } from "./lstm-cell";
export type { LstmCellOptions, LstmCellValues } from "./lstm-cell";
export { gruCellSvg } from "./gru-cell";
export type { GruCellOptions, GruCellValues } from "./gru-cell";
export { encoderDecoderSvg, relationSvg } from "./encoder-decoder";
export type { EncoderDecoderOptions, DecoderInputs, Relation } from "./encoder-decoder";
