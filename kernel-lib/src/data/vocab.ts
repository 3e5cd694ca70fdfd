// Vocabulary: token ↔ id with the special tokens <pad>=0, <unk>=1, <bos>=2, <eos>=3.
import { argError, checkOptions } from "../args";

/** The special tokens, in id order. */
export const SPECIAL_TOKENS = ["<pad>", "<unk>", "<bos>", "<eos>"] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const BOS_ID = 2;
export const EOS_ID = 3;

/** Options of {@link Vocab.build}. */
export interface VocabBuildOptions {
  /** Tokens seen fewer times become <unk> (default 1: keep all). */
  minCount?: number;
  /** Keep at most this many tokens, specials included (most frequent first). */
  maxSize?: number;
}

/**
 * A token ↔ id table. Ids 0..3 are <pad>, <unk>, <bos>, <eos>; the rest are sorted by count (descending), then alphabetically,
 * so one corpus always gives the same ids.
 * @example
 * const v = Vocab.build([["not", "good"], ["good"]]);
 * v.encode(["good", "bad"]); // [4, 1]
 */
export class Vocab {
  /** id → token. */
  readonly itos: string[];
  /** token → count in the corpus it was built from (specials 0). */
  readonly counts: Map<string, number>;
  private readonly stoi: Map<string, number>;

  /** @param tokens the non-special tokens in id order (ids start at 4) */
  constructor(tokens: readonly string[], counts: Map<string, number> = new Map()) {
    if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === "string")) throw argError("Vocab", "tokens", "an array of strings", tokens);
    if (!(counts instanceof Map)) throw argError("Vocab", "counts", "a Map from token to count", counts);
    this.itos = [...SPECIAL_TOKENS, ...tokens];
    this.stoi = new Map(this.itos.map((t, i) => [t, i]));
    if (this.stoi.size !== this.itos.length) throw new Error("Vocab: tokens must be distinct and must not repeat the special tokens");
    this.counts = counts;
  }

  /** Builds a vocabulary from token lists (e.g. the training split only). */
  static build(tokenLists: Iterable<readonly string[]>, opts: VocabBuildOptions = {}): Vocab {
    if (typeof (tokenLists as Iterable<unknown>)?.[Symbol.iterator] !== "function" || typeof tokenLists === "string") {
      throw argError("Vocab.build", "tokenLists", "an iterable of token arrays (string[][])", tokenLists);
    }
    const { minCount = 1, maxSize = Infinity } = checkOptions("Vocab.build", "opts", opts);
    const counts = new Map<string, number>();
    for (const toks of tokenLists) {
      if (!Array.isArray(toks)) throw argError("Vocab.build", "tokenLists", "an iterable of token arrays (string[][])", toks);
      for (const t of toks) {
        if (typeof t !== "string") throw argError("Vocab.build", "tokenLists", "an iterable of token arrays (string[][])", toks);
        counts.set(t, (counts.get(t) ?? 0) + 1);
      }
    }
    const special = new Set<string>(SPECIAL_TOKENS);
    const kept = [...counts.entries()]
      .filter(([t, c]) => c >= minCount && !special.has(t))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, Math.max(0, maxSize - SPECIAL_TOKENS.length))
      .map(([t]) => t);
    return new Vocab(kept, counts);
  }

  /** Number of ids, specials included (`V`). */
  get size(): number {
    return this.itos.length;
  }

  /** The id of a token (<unk> = 1 when unknown). */
  id(token: string): number {
    if (typeof token !== "string") throw argError("Vocab.id", "token", "a string", token);
    return this.stoi.get(token) ?? UNK_ID;
  }

  /** The token of an id. */
  token(id: number): string {
    if (!Number.isInteger(id)) throw argError("Vocab.token", "id", `an integer in [0, ${this.size})`, id);
    const t = this.itos[id];
    if (t === undefined) throw new Error(`Vocab.token: id ${id} is outside [0, ${this.size})`);
    return t;
  }

  /** Tokens → ids, optionally framed by <bos> … <eos>. */
  encode(tokens: readonly string[], opts: { bos?: boolean; eos?: boolean } = {}): number[] {
    if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === "string")) throw argError("Vocab.encode", "tokens", "an array of strings", tokens);
    const ids = tokens.map((t) => this.id(t));
    if (opts.bos) ids.unshift(BOS_ID);
    if (opts.eos) ids.push(EOS_ID);
    return ids;
  }

  /** Ids → tokens; by default stops at the first <eos> and drops <pad>/<bos>. */
  decode(ids: Iterable<number>, opts: { keepSpecials?: boolean } = {}): string[] {
    if (!(Array.isArray(ids) || ArrayBuffer.isView(ids)) || !Array.from(ids as ArrayLike<number>).every((v) => Number.isInteger(v))) {
      throw argError("Vocab.decode", "ids", "an array of integer ids", ids);
    }
    const out: string[] = [];
    for (const id of ids) {
      if (!opts.keepSpecials) {
        if (id === EOS_ID) break;
        if (id === PAD_ID || id === BOS_ID) continue;
      }
      out.push(this.token(id));
    }
    return out;
  }
}
