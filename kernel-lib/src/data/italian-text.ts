// Italian text for the character-level language model: Debian's fortunes-it quotations and witalian word list (read from disk, never committed).
import * as fs from "fs";
import * as path from "path";
import { checkArray, checkBoolean, checkInt, checkOptions, checkString } from "../args";

/** Where Debian's `fortunes-it` puts its quotation files. */
export const FORTUNES_IT_DIR = "/usr/share/games/fortunes/it";
/** Where Debian's `witalian` puts its word list (one word per line, UTF-8). */
export const ITALIAN_WORDS_FILE = "/usr/share/dict/italian";

/** Words whose final apostrophe is a real apostrophe (elision, imperative), not a typed accent. */
const KEEP_APOSTROPHE = new Set(["po", "mo", "di", "fa", "va", "sta", "da", "be", "de", "to"]);
/** Words ending in "-che'", "ne'", "se'" take the acute é. */
const ACUTE = /(ch|^n|^s)e$/i;
const GRAVE: Record<string, string> = { a: "à", e: "è", i: "ì", o: "ò", u: "ù", A: "À", E: "È", I: "Ì", O: "Ò", U: "Ù" };

/** The text and `{ restoreAccents? }` of the two text readers, checked naming `fn`. */
function checkTextArgs(fn: string, text: unknown, opts: { restoreAccents?: boolean }): void {
  checkString(fn, "text", text);
  checkOptions(fn, "opts", opts, ["restoreAccents"]);
  if (opts.restoreAccents !== undefined) checkBoolean(fn, "opts.restoreAccents", opts.restoreAccents);
}

/**
 * Normalises one fortune's text: typographic quotes `’ ‘ ´ \`` become `'`; with `restoreAccents` (default) a vowel
 * typed with an apostrophe at the end of a word becomes the accented letter the word list uses (`piu'` → `più`,
 * `perche'` → `perché`, `E'` → `È`), except in words where the apostrophe is real (`po'`, `di'`, `va'` …);
 * other accents are kept as they are; runs of spaces and tabs become one space; lines are kept.
 * @example
 * normaliseItalian("Il cervello e' un organo favoloso, perche' non smette mai"); // "Il cervello è un organo favoloso, perché non smette mai"
 */
export function normaliseItalian(text: string, opts: { restoreAccents?: boolean } = {}): string {
  checkTextArgs("normaliseItalian", text, opts);
  let t = text.replace(/[\u2019\u2018\u00b4`]/g, "'").replace(/[ \t\u00a0]+/g, " ");
  if (opts.restoreAccents ?? true) {
    t = t.replace(/([A-Za-z]*)([aeiouAEIOU])'(?![A-Za-z])/g, (m, stem: string, v: string) => {
      const word = stem + v;
      if (KEEP_APOSTROPHE.has(word.toLowerCase()) || stem.length === 0 && !/[eE]/.test(v)) return m;
      return stem + ((v === "e" || v === "E") && ACUTE.test(word) ? (v === "e" ? "é" : "É") : GRAVE[v]);
    });
  }
  return t;
}

/** E-mail addresses (left in a few quotations' bodies); the loader writes `<e-mail>` instead. */
const EMAIL = /<?[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}>?/g;

/**
 * Splits the text of a fortune file into quotations: entries are separated by lines holding `%`; the attribution
 * (from the line starting with spaces or tabs and `--` to the end of the entry) is dropped, as are empty entries;
 * e-mail addresses become `<e-mail>`; each entry is normalised
 * ({@link normaliseItalian}), its lines trimmed at the right.
 * @param text a whole fortune file
 * @returns the quotations, in file order
 */
export function parseFortunes(text: string, opts: { restoreAccents?: boolean } = {}): string[] {
  checkTextArgs("parseFortunes", text, opts);
  const out: string[] = [];
  for (const entry of text.replace(/\r\n/g, "\n").split(/^%\s*$/m)) {
    const lines = entry.split("\n");
    // the attribution closes an entry: its "--" line and every line after it (sources, dates, addresses)
    const cut = lines.findIndex((l) => /^\s*--/.test(l));
    const kept = (cut >= 0 ? lines.slice(0, cut) : lines).map((l) => l.replace(/\s+$/, ""));
    const body = kept.join("\n").replace(/^\n+|\n+$/g, "").replace(EMAIL, "<e-mail>");
    if (body.trim().length > 0) out.push(normaliseItalian(body, opts));
  }
  return out;
}

/** The three held-out splits of a list (train / valid / test). */
export interface TextSplits<T> {
  train: T[];
  valid: T[];
  test: T[];
}

/**
 * A deterministic held-out split by position: of every `every` items, the one at offset `every − 2` goes to
 * `valid`, the one at `every − 1` to `test`, the rest to `train` (default every 10: 80 / 10 / 10), so the splits
 * interleave through every source file and need no random generator.
 */
export function splitEvery<T>(items: readonly T[], every = 10): TextSplits<T> {
  checkArray("splitEvery", "items", items);
  checkInt("splitEvery", "every", every, { min: 3 });
  const s: TextSplits<T> = { train: [], valid: [], test: [] };
  items.forEach((x, i) => (i % every === every - 2 ? s.valid : i % every === every - 1 ? s.test : s.train).push(x));
  return s;
}

/** Checks a Debian data path exists, with a message that says which package installs it. */
function needPath(fn: string, p: string, pkg: string): void {
  if (!fs.existsSync(p)) throw new Error(`${fn}: ${p} does not exist; install Debian's ${pkg} (npm run setup does: apt-get install ${pkg})`);
}

/**
 * Reads every quotation of Debian's `fortunes-it` (files of `dir` without `.dat`/`.u8` twins, in name order),
 * parsed by {@link parseFortunes}, and splits them with {@link splitEvery}.
 * @param opts.dir default {@link FORTUNES_IT_DIR}
 * @param opts.files only these files (e.g. `["italia"]`)
 * @returns quotations per split; join them with `"\n\n"` for a character stream
 */
export function loadItalianFortunes(opts: { dir?: string; files?: string[]; restoreAccents?: boolean; every?: number } = {}): TextSplits<string> {
  const fn = "loadItalianFortunes";
  checkOptions(fn, "opts", opts, ["dir", "files", "restoreAccents", "every"]);
  const dir = opts.dir ?? FORTUNES_IT_DIR;
  needPath(fn, dir, "fortunes-it");
  const names = opts.files ?? fs.readdirSync(dir).filter((f) => !/\.(dat|u8)$/.test(f)).sort();
  const quotes: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    needPath(fn, file, "fortunes-it");
    quotes.push(...parseFortunes(fs.readFileSync(file, "utf8"), opts));
  }
  return splitEvery(quotes, opts.every);
}

/**
 * Reads Debian's `witalian` word list: lowercase words of letters only (accents kept; names with capitals and
 * forms with apostrophes such as `l'ubertà` are dropped), in file order, split by {@link splitEvery}.
 * @param opts.file default {@link ITALIAN_WORDS_FILE}
 * @param opts.maxLength drop longer words (default 12)
 */
export function loadItalianWords(opts: { file?: string; maxLength?: number; every?: number } = {}): TextSplits<string> {
  const fn = "loadItalianWords";
  checkOptions(fn, "opts", opts, ["file", "maxLength", "every"]);
  const file = opts.file ?? ITALIAN_WORDS_FILE;
  needPath(fn, file, "witalian");
  const maxLength = opts.maxLength ?? 12;
  const words = fs.readFileSync(file, "utf8").split("\n").map((w) => w.trim())
    .filter((w) => w.length > 0 && w.length <= maxLength && /^[a-zàèéìíòóùú]+$/.test(w));
  return splitEvery(words, opts.every);
}
