// Word tokenizer for the English and Italian toy texts: lower-casing, punctuation as tokens, apostrophes split the Italian way.

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /** "it": "l'attore" → ["l'", "attore"]; "en": "don't" → ["do", "n't"], "it's" → ["it", "'s"]; unset: decide word by word. */
  lang?: "en" | "it";
  /** Lower-case the text first (default true). */
  lower?: boolean;
}

const WORD_OR_MARK = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const EN_CLITIC = /^(.+?)(n't|'s|'m|'re|'ve|'ll|'d)$/i;

/**
 * Splits a text into word and punctuation tokens.
 * Italian elision keeps the apostrophe on the first part ("l'attore" → "l'", "attore"; "c'è" → "c'", "è");
 * English clitics go to the second part ("didn't" → "did", "n't"). Typographic ’ counts as '.
 * @param text a sentence or review
 * @returns tokens, e.g. `tokenize("Non mi è piaciuto l'attore.")` → `["non", "mi", "è", "piaciuto", "l'", "attore", "."]`
 */
export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  if (typeof text !== "string") throw new Error(`tokenize: text must be a string, got ${typeof text}`);
  const { lang, lower = true } = opts;
  const norm = (lower ? text.toLowerCase() : text).replace(/[’`]/g, "'");
  const out: string[] = [];
  for (const w of norm.match(WORD_OR_MARK) ?? []) {
    if (!w.includes("'")) {
      out.push(w);
      continue;
    }
    const en = EN_CLITIC.exec(w);
    if (lang !== "it" && en) {
      out.push(en[1], en[2]);
      continue;
    }
    if (lang === "en") {
      out.push(w);
      continue;
    }
    // Italian elision: every apostrophe closes a token ("dell'anno" → "dell'", "anno").
    const parts = w.split("'");
    for (let i = 0; i < parts.length - 1; i++) out.push(parts[i] + "'");
    out.push(parts[parts.length - 1]);
  }
  return out;
}
