// The vanilla RNN's activation over a step's rows in the fast sequence kernel: float32 lanes, or natively with the bits of
// the plain loop (cells/rnn.ts's activateInPlace, the reference and the fallback).
import { Activation } from "../../tensor";
import { precision } from "../../tensor/precision";
import { activateInPlace } from "../../cells";
import { nativeActivate64, tanhRows32 } from "../gates";

/** `z ← φ(z)` in place: the values of the cell's `activateInPlace` (tanh in float32 lanes under float32 precision). */
export function activateRows(act: Activation, z: Float64Array): void {
  if (act === "tanh" && precision() === "float32" && tanhRows32(z)) return;
  if (act !== "relu" && z.length >= 64 && nativeActivate64(z, act)) return;
  activateInPlace(act, z);
}
