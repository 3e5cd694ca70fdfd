// The LSTM sequence kernel behind `unroll`/`bptt`: its tape as the unroll's result (per-step caches and states built only when read),
// and BPTT from that tape, or from step caches gathered into one.
import { Tensor } from "../../tensor";
import { CellParams, CellState, LstmCellCache } from "../../cells";
import type { StepCache, UnrollResult } from "../../seq/types";
import { LstmSequenceTape, lstmSequenceForward, lstmTapeStates } from "./lstm-forward";
import { lstmSequenceBackward } from "./lstm-backward";
import { sequenceOutputs, stepRows } from "./sequence-products";

/** The property of a caches array this kernel returned that holds its tape, so `bptt` runs from the tape (no gathering). */
const TAPE = Symbol("lstm tape");
type TapeSteps = StepCache[] & { [TAPE]?: LstmSequenceTape };
const tapeOf = (caches: StepCache[]): LstmSequenceTape | undefined => (caches as TapeSteps)[TAPE];

/** Step t's record for `bptt`: its `LstmCellCache` (views into the tape, as stepping `lstmCellForward` records) built when read. */
class LstmTapeStep implements StepCache {
  readonly mask: Float64Array | null;
  readonly B: number;
  readonly H: number;
  readonly I: number;
  private readonly tape: LstmSequenceTape;
  private readonly t: number;
  private built: LstmCellCache | null = null;

  constructor(tape: LstmSequenceTape, t: number) {
    const { m, B, H, I } = tape;
    const mt = m ? m.subarray(t * B, (t + 1) * B) : null;
    this.mask = mt !== null && mt.includes(0) ? mt : null;
    this.B = B; this.H = H; this.I = I;
    this.tape = tape;
    this.t = t;
  }

  get cache(): LstmCellCache {
    if (this.built === null) {
      const { p, x, gates, tanhCs, hs, cs, B, H, I } = this.tape;
      const t = this.t, BH = B * H;
      this.built = {
        x: new Tensor(x.subarray(t * B * I, (t + 1) * B * I), [B, I]),
        hPrev: new Tensor(hs.subarray(t * BH, (t + 1) * BH), [B, H]),
        cPrev: new Tensor(cs.subarray(t * BH, (t + 1) * BH), [B, H]),
        gates: gates.subarray(t * 4 * BH, (t + 1) * 4 * BH), tanhC: tanhCs.subarray(t * BH, (t + 1) * BH), p,
      };
    }
    return this.built;
  }
}

/** `unroll`'s result over a tape: `outputs`, the final `state`, per-step `caches`, and `states` built on first read (views). */
class LstmUnrollResult implements UnrollResult {
  readonly outputs: Tensor;
  readonly state: CellState;
  readonly caches: StepCache[];
  private readonly tape: LstmSequenceTape;
  private stepStates: CellState[] | null = null;

  constructor(tape: LstmSequenceTape) {
    const { T, B, H, hs, cs, m } = tape;
    this.tape = tape;
    this.outputs = sequenceOutputs(hs, m, T, B, H);
    this.state = { h: new Tensor(hs.subarray(T * B * H), [B, H]), c: new Tensor(cs.subarray(T * B * H), [B, H]) };
    const caches: TapeSteps = new Array(T);
    for (let t = 0; t < T; t++) caches[t] = new LstmTapeStep(tape, t);
    caches[TAPE] = tape;
    this.caches = caches;
  }

  get states(): CellState[] {
    if (this.stepStates === null) {
      this.stepStates = lstmTapeStates(this.tape);
      this.stepStates[this.tape.T - 1] = this.state;
    }
    return this.stepStates;
  }
}

/**
 * The LSTM over a whole sequence for `unroll`: {@link lstmSequenceForward}, its tape kept as the result.
 * @param x `[T, B, I]`, `state0` `{h [B, H], c [B, H]}` (null = zeros), `m` mask data `[T·B]` or null
 * @param reuse caches of an earlier result of this kernel nobody reads any more: its tape's gate and BPTT buffers are reused
 */
export function lstmUnrollSequence(
  p: CellParams, x: Tensor, state0: CellState | null, m: Float64Array | null, T: number, B: number, I: number, H: number, reuse: StepCache[] | null = null,
): UnrollResult {
  const prev = reuse !== null ? tapeOf(reuse) ?? null : null;
  const tape = lstmSequenceForward(p, x.data, state0 ? state0.h.data : null, state0 ? (state0.c as Tensor).data : null, m, T, B, I, H, prev);
  return new LstmUnrollResult(tape);
}

/** True when `caches` is the very array {@link lstmUnrollSequence} returned (its tape is at hand). */
export function isLstmTape(caches: StepCache[]): boolean {
  const tape = tapeOf(caches);
  return tape !== undefined && tape.T === caches.length;
}

/**
 * BPTT for LSTM step caches: from the tape behind them when they are {@link lstmUnrollSequence}'s, else (the generic unroll's,
 * checked by `bptt`) gathered into a tape (views where the steps are consecutive in one buffer, else copies); then
 * {@link lstmSequenceBackward}.
 * @param dOut `[T·B·H]` ∂L/∂outputs data or null
 * @param dh `[B, H]` ∂L/∂h_T on entry, ∂L/∂h_0 on exit (likewise `dc`)
 * @returns `dx [T, B, I]`
 */
export function lstmBpttSequence(
  caches: StepCache[], dOut: Float64Array | null, dh: Float64Array, dc: Float64Array, grads: CellParams,
  normsH: number[], normsC: number[], T: number, B: number, I: number, H: number,
): Tensor {
  const own = tapeOf(caches);
  if (own !== undefined && own.T === T) return new Tensor(lstmSequenceBackward(own, dOut, dh, dc, grads, normsH, normsC), [T, B, I]);
  const cs = caches.map((c) => c.cache as LstmCellCache);
  let m: Float64Array | null = null;
  for (let t = 0; t < T; t++) {
    const mt = caches[t].mask;
    if (mt === null) continue;
    if (m === null) m = new Float64Array(T * B).fill(1);
    m.set(mt, t * B);
  }
  const tape: LstmSequenceTape = {
    p: cs[0].p, m,
    x: stepRows(cs.map((c) => c.x.data), 0, T, B * I),
    gates: stepRows(cs.map((c) => c.gates), 0, T, B * 4 * H),
    tanhCs: stepRows(cs.map((c) => c.tanhC), 0, T, B * H),
    hPrev: stepRows(cs.map((c) => c.hPrev.data), 0, T, B * H),
    cPrev: stepRows(cs.map((c) => c.cPrev.data), 0, T, B * H),
    hs: new Float64Array(0), cs: new Float64Array(0), T, B, I, H,
  };
  return new Tensor(lstmSequenceBackward(tape, dOut, dh, dc, grads, normsH, normsC), [T, B, I]);
}
