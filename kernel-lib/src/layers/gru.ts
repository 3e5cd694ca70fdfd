// The GRU layer (gates r, z, n), as torch.nn.GRU stores it, in the reset-after (default) or classic formulation.
import { CellParams, GruVariant, checkGruVariant, gruCell } from "../cells";
import { RecurrentLayer, RecurrentLayerOptions, layerParams } from "./recurrent";
import { orDefault } from "../args";
import { TorchStateJson, cellParamsFromTorch } from "../interop/torch-params";
import { agreeWithSection, splitRnnlabSection, withRnnlabSection } from "./rnnlab-section";

/** Options of {@link GRU}. */
export interface GRUOptions extends RecurrentLayerOptions {
  /** `"reset-after"` (PyTorch, cuDNN; default) or `"classic"` (Cho et al. 2014). */
  variant?: GruVariant;
}

/**
 * A single-layer GRU over `[T, B, I]` sequences: `h_t = (1 − z) ∗ n + z ∗ h_{t−1}`, with the candidate `n`
 * of the chosen variant (see `gruCellForward`).
 * @example
 * const gru = new GRU({ inputSize: 8, hiddenSize: 32, variant: "classic", rng: new Rng(0) });
 * const { outputs } = gru.forward(x);
 */
export class GRU extends RecurrentLayer {
  readonly variant: GruVariant;

  constructor(opts: GRUOptions & { params?: CellParams }) {
    const variant = checkGruVariant("GRU", orDefault(opts?.variant, "reset-after") as GruVariant);
    super("GRU", gruCell(variant), layerParams("GRU", "gru", opts), opts);
    this.variant = variant;
  }

  /**
   * The weights as a `torch.nn.GRU` state_dict (nested arrays) plus an `rnnlab` section `{ format, kind, variant,
   * checkpointEvery }` that PyTorch's keys cannot hold (drop it in Python before `load_state_dict`; a classic GRU has
   * no torch.nn counterpart).
   */
  override toTorchStateDict(): TorchStateJson {
    return withRnnlabSection(super.toTorchStateDict(), { format: 1, kind: "GRU", variant: this.variant, checkpointEvery: this.checkpointEvery });
  }

  /**
   * Imports a single-layer `torch.nn.GRU` state_dict (plain JSON, nested arrays), checking every shape.
   * The variant and options come from its `rnnlab` section when present (written by {@link toTorchStateDict});
   * without one it is PyTorch's, reset-after. A `variant` option that contradicts the section throws.
   * @param sd `{ weight_ih_l0 [3H, I], weight_hh_l0 [3H, H], bias_ih_l0 [3H], bias_hh_l0 [3H], rnnlab? }`
   */
  static fromTorchStateDict(sd: unknown, opts: { variant?: GruVariant } = {}): GRU {
    const fn = "GRU.fromTorchStateDict";
    const { torch, section } = splitRnnlabSection(fn, sd, "GRU");
    const variant = agreeWithSection(fn, "variant", opts.variant, section?.variant) ?? "reset-after";
    return new GRU({ ...cellParamsFromTorch(fn, torch, 3), variant, checkpointEvery: section?.checkpointEvery ?? null });
  }
}
