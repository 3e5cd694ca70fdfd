// The GRU layer (gates r, z, n), as torch.nn.GRU stores it, in the reset-after (default) or classic formulation.
import { CellParams, GruVariant, checkGruVariant, gruCell } from "../cells";
import { RecurrentLayer, RecurrentLayerOptions, cellParamsFromTorch, layerParams } from "./recurrent";

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
    const variant = checkGruVariant("GRU", opts?.variant ?? "reset-after");
    super("GRU", gruCell(variant), layerParams("GRU", "gru", opts), opts);
    this.variant = variant;
  }

  /**
   * Imports a single-layer `torch.nn.GRU` state_dict (plain JSON, nested arrays), checking every shape.
   * PyTorch's GRU is the reset-after formulation, so the imported layer is too.
   * @param sd `{ weight_ih_l0 [3H, I], weight_hh_l0 [3H, H], bias_ih_l0 [3H], bias_hh_l0 [3H] }`
   */
  static fromTorchStateDict(sd: unknown): GRU {
    return new GRU({ ...cellParamsFromTorch("GRU.fromTorchStateDict", sd, 3), variant: "reset-after" });
  }
}
