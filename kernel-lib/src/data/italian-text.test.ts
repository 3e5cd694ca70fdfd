// The Italian text loaders: fortune parsing, apostrophes and accents, the deterministic split (inline text; the Debian files when present).
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { FORTUNES_IT_DIR, ITALIAN_WORDS_FILE, loadItalianFortunes, loadItalianWords, normaliseItalian, parseFortunes, splitEvery } from "./italian-text";

describe("data/italian-text", () => {
  it("parseFortunes splits on % lines, drops attributions and empty entries, keeps line breaks", () => {
    const text = "Il cervello e' un organo favoloso.\nComincia presto.\n\t\t-- Robert Frost\n%\n%\n\"Lei parla cinese?\"\n\"Io no.\"\n\t\t-- Toto'\n%\n";
    assert.deepEqual(parseFortunes(text), ["Il cervello è un organo favoloso.\nComincia presto.", "\"Lei parla cinese?\"\n\"Io no.\""]);
    // the attribution runs to the end of the entry; addresses left in a body are masked
    assert.deepEqual(parseFortunes("Scrivete a x@y.it.\n\t\t-- Autore\n\t\t   <autore@esempio.it>, 1994\n%\n"), ["Scrivete a <e-mail>."]);
  });
  it("normaliseItalian restores typed accents, keeps real apostrophes and existing accents", () => {
    assert.equal(normaliseItalian("perche' piu' E' cosi' ne' se' un po' di' l'acqua va' città"), "perché più È così né sé un po' di' l'acqua va' città");
    assert.equal(normaliseItalian("l\u2019anima  e\u2019"), "l'anima è");
    assert.equal(normaliseItalian("perche'", { restoreAccents: false }), "perche'");
  });
  it("splitEvery interleaves 80/10/10 deterministically", () => {
    const s = splitEvery(Array.from({ length: 20 }, (_, i) => i));
    assert.deepEqual(s.valid, [8, 18]);
    assert.deepEqual(s.test, [9, 19]);
    assert.equal(s.train.length, 16);
    assert.throws(() => splitEvery([1], 2), /every must be an integer ≥ 3/);
  });
  it("the loaders name the missing Debian package", () => {
    assert.throws(() => loadItalianFortunes({ dir: "/nonexistent/it" }), /install Debian's fortunes-it/);
    assert.throws(() => loadItalianWords({ file: "/nonexistent/italian" }), /install Debian's witalian/);
  });
  // npm run setup installs both packages (CI runs it); without them this test fails and says which to install
  it("Debian's files: thousands of quotations and words, no attribution left", () => {
    assert.ok(fs.existsSync(FORTUNES_IT_DIR), `${FORTUNES_IT_DIR} is missing: apt-get install fortunes-it (npm run setup)`);
    assert.ok(fs.existsSync(ITALIAN_WORDS_FILE), `${ITALIAN_WORDS_FILE} is missing: apt-get install witalian (npm run setup)`);
    const f = loadItalianFortunes();
    assert.ok(f.train.length > 5000 && f.valid.length > 500 && f.test.length > 500);
    assert.ok(!f.train.some((q) => /^\s*--/m.test(q) || /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.test(q)));
    const w = loadItalianWords();
    assert.ok(w.train.length > 50000 && w.train.every((x) => /^[a-zàèéìíòóùú]+$/.test(x)));
  });
});
