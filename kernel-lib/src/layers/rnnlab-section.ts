// The `rnnlab` section of a state_dict: what PyTorch's state_dict does not store (GRU variant, RNN nonlinearity, options).
import type { Activation, NestedArray } from "../tensor";
import type { GruVariant } from "../cells";
import { checkObject, checkString, describe } from "../args";

/** The kinds a section names (PyTorch's class names). */
export type SectionKind = "RNN" | "LSTM" | "GRU";

/**
 * What a recurrent layer's `toTorchStateDict()` writes under the key `rnnlab`, beside PyTorch's tensors:
 * everything needed to rebuild the same model that PyTorch's keys cannot say.
 * Python loads such a file with `sd.pop("rnnlab")` before `module.load_state_dict(...)`
 * (and should refuse a `variant: "classic"` GRU or a `"sigmoid"` RNN: torch.nn has neither).
 */
export interface RnnlabSection {
  /** Format version of the section (1). */
  format: 1;
  kind: SectionKind;
  /** GRU only: `"reset-after"` (PyTorch's) or `"classic"`. */
  variant?: GruVariant;
  /** RNN only: `"tanh"`, `"relu"` or `"sigmoid"`. */
  nonlinearity?: Activation;
  /** Gradient checkpointing segment length (null = off). */
  checkpointEvery: number | null;
  /** Stacked layers: L (default 1). */
  numLayers?: number;
  /** Stacked layers: two directions (default false). */
  bidirectional?: boolean;
}

const FIELDS = ["format", "kind", "variant", "nonlinearity", "checkpointEvery", "numLayers", "bidirectional"];

/**
 * Splits a state_dict into PyTorch's keys and its `rnnlab` section (null when absent), checking the section:
 * an unknown format or field, a wrong kind or a bad value throws, naming the field.
 * @param fn the caller, for error messages
 * @param sd a state_dict object (anything else is returned unchanged for the caller to reject)
 * @param kind the kind the caller builds; a section naming another kind throws
 */
export function splitRnnlabSection(fn: string, sd: unknown, kind?: SectionKind): { torch: unknown; section: RnnlabSection | null } {
  if (!sd || typeof sd !== "object" || Array.isArray(sd) || !("rnnlab" in sd)) return { torch: sd, section: null };
  const { rnnlab, ...torch } = sd as Record<string, unknown>;
  return { torch, section: checkRnnlabSection(fn, rnnlab, kind) };
}

/** Checks a parsed `rnnlab` section (see {@link splitRnnlabSection}). */
export function checkRnnlabSection(fn: string, s: unknown, kind?: SectionKind): RnnlabSection {
  const bad = (what: string): never => {
    throw new Error(`${fn}: the state_dict's rnnlab section ${what}`);
  };
  if (!s || typeof s !== "object" || Array.isArray(s)) return bad(`must be an object { format: 1, kind, … }, got ${describe(s)}`);
  const r = s as Record<string, unknown>;
  if (r.format !== 1) bad(`has format ${describe(r.format)}; this version of rnnlab reads format 1`);
  const extra = Object.keys(r).filter((k) => !FIELDS.includes(k));
  if (extra.length) bad(`has unknown field(s) ${extra.join(", ")} (written by a newer rnnlab?); known: ${FIELDS.join(", ")}`);
  if (r.kind !== "RNN" && r.kind !== "LSTM" && r.kind !== "GRU") bad(`kind must be "RNN", "LSTM" or "GRU", got ${describe(r.kind)}`);
  if (kind !== undefined && r.kind !== kind) bad(`describes a ${r.kind}, not a ${kind}`);
  if (r.variant !== undefined && (r.kind !== "GRU" || (r.variant !== "reset-after" && r.variant !== "classic"))) {
    bad(`variant ${describe(r.variant)} is not a GRU variant of a ${r.kind} ("reset-after" or "classic")`);
  }
  if (r.nonlinearity !== undefined && (r.kind !== "RNN" || !["tanh", "relu", "sigmoid"].includes(r.nonlinearity as string))) {
    bad(`nonlinearity ${describe(r.nonlinearity)} is not an RNN nonlinearity of a ${r.kind} ("tanh", "relu" or "sigmoid")`);
  }
  if (r.kind === "GRU" && r.variant === undefined) bad("of a GRU must name its variant");
  if (r.kind === "RNN" && r.nonlinearity === undefined) bad("of an RNN must name its nonlinearity");
  const ce = r.checkpointEvery;
  if (ce !== null && ce !== undefined && !(Number.isInteger(ce) && (ce as number) >= 1)) bad(`checkpointEvery must be a positive integer or null, got ${describe(ce)}`);
  if (r.numLayers !== undefined && !(Number.isInteger(r.numLayers) && (r.numLayers as number) >= 1)) bad(`numLayers must be a positive integer, got ${describe(r.numLayers)}`);
  if (r.bidirectional !== undefined && typeof r.bidirectional !== "boolean") bad(`bidirectional must be true or false, got ${describe(r.bidirectional)}`);
  return { ...(r as unknown as RnnlabSection), checkpointEvery: (ce as number | null | undefined) ?? null };
}

/**
 * A state_dict with the section added under `rnnlab` (typed as PyTorch JSON so the layers' `toTorchStateDict` keeps its type).
 * @param torch PyTorch's keys (nested arrays)
 */
export function withRnnlabSection(torch: Record<string, NestedArray>, section: RnnlabSection): Record<string, NestedArray> {
  checkObject("withRnnlabSection", "torch", torch, "a state_dict { name: nested arrays }");
  checkRnnlabSection("withRnnlabSection", section);
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(section)) if (v !== undefined) clean[k] = v;
  return { ...torch, rnnlab: clean as unknown as NestedArray };
}

/**
 * Throws when an option the caller passed contradicts the section (the section describes the saved model).
 * @example agree("GRU.fromTorchStateDict", "variant", opts.variant, section.variant)
 */
export function agreeWithSection<T>(fn: string, field: string, given: T | undefined, saved: T | undefined): T | undefined {
  checkString(fn, "field", field, true);
  if (given !== undefined && saved !== undefined && given !== saved) {
    throw new Error(`${fn}: ${field} ${JSON.stringify(given)} was given, but the state_dict's rnnlab section says ${JSON.stringify(saved)}`);
  }
  return saved ?? given;
}
