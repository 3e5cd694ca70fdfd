// Tests of the HTML/text tables: escaping, number formatting, DataFrame-shaped input, row limits.
import { strict as assert } from "assert";
import { cellText, isDataFrameLike, isNumberCell, table, tableText } from "./table";

describe("table", () => {
  it("table(rows) escapes headers, cells and caption", () => {
    const html = table([{ "<th>": '<script>alert("x")</script>', n: 1 }], { caption: "a & b" });
    assert.ok(!html.includes("<script>"));
    assert.match(html, /<th style="text-align:left">&lt;th&gt;<\/th>/);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.match(html, /<caption>a &amp; b<\/caption>/);
  });

  it("table(rows) takes the union of keys in first-seen order, blanks missing cells, rounds to digits", () => {
    const html = table([{ model: "RNN", acc: 0.61234 }, { model: "LSTM", params: 4936 }], { digits: 2 });
    assert.match(html, /<thead><tr><th style="text-align:left">model<\/th><th style="text-align:right">acc<\/th><th style="text-align:right">params<\/th><\/tr><\/thead>/);
    assert.match(html, /<tr><td style="text-align:left">LSTM<\/td><td style="text-align:left"><\/td><td style="text-align:right;white-space:nowrap">4936<\/td><\/tr>/);
    assert.match(html, />0\.61</);
    assert.equal(cellText(1.23456e-7, 3), "1.23e-7");
  });

  it("table(DataFrame-like) shows the index column and handles Series values", () => {
    const df = { columns: ["a", "b"], values: [[1, "x"], [2.5, "y"]], index: ["r0", "r1"] };
    assert.ok(isDataFrameLike(df));
    assert.ok(!isDataFrameLike([{ a: 1 }]));
    const html = table(df);
    assert.match(html, /<tr><th>r0<\/th><td style="text-align:right;white-space:nowrap">1<\/td><td style="text-align:left">x<\/td><\/tr>/);
    assert.match(table({ columns: ["v"], values: [3, 4], index: [0, 1] }), /<th>1<\/th><td style="text-align:right;white-space:nowrap">4<\/td>/);
    assert.equal(tableText(df), "    a    b\nr0  1    x\nr1  2.5  y");
  });

  it("table(rows, { decimals }) prints non-integers with fixed decimals, keeps integers, and left-aligns text", () => {
    const rows = [{ model: "bag of words", acc: 0.6, params: 4936 }];
    assert.match(table(rows, { decimals: 3 }), /<td style="text-align:left">bag of words<\/td><td style="text-align:right;white-space:nowrap">0\.600<\/td><td style="text-align:right;white-space:nowrap">4936<\/td>/);
    assert.match(table(rows), /<td style="text-align:right;white-space:nowrap">0\.6<\/td>/);
    assert.match(table([{ n: 1, mixed: 2 }, { mixed: "x" }]), /<th style="text-align:right">n<\/th><th style="text-align:left">mixed<\/th>/);
    assert.equal(tableText(rows, { decimals: 1 }), "model         acc  params\nbag of words  0.6  4936");
    assert.equal(cellText([0.5, 2], 4, 2), "[0.50, 2]");
    assert.throws(() => table(rows, { decimals: 1.5 }), /table: opts\.decimals must be an integer in 0 … 20, got 1\.5/);
  });

  it("table never wraps a number cell (\"4.6e-4\" broke at its hyphen in print) and right-aligns numbers written as text", () => {
    // 08 §3: summaryRows with sig prints "4.6e-4" and "[1.2e-4, 8.0e-4]" as text, which Chromium wrapped after "e-"
    const rows = [{ model: "GRU", "test MSE: mean": "4.6e-4", sd: 1.5e-4, "95 % interval": "[1.2e-4, 8.0e-4]", share: "12 %", "best epochs": "6/9 12/15" }];
    const html = table(rows, { digits: 2 });
    for (const v of ["4.6e-4", "1.5e-4", "[1.2e-4, 8.0e-4]", "12 %"]) assert.ok(html.includes(`<td style="text-align:right;white-space:nowrap">${v}</td>`), v);
    assert.match(html, /<th style="text-align:right">test MSE: mean<\/th>/);
    assert.match(html, /<td style="text-align:left">GRU<\/td>/);
    assert.match(html, /<td style="text-align:left">6\/9 12\/15<\/td>/);
    for (const v of ["0.977 [0.928, 1.026]", "lr 0.01", "e-4", "1/6", ""]) assert.equal(isNumberCell(v), false, v);
    // a mean with its interval is right-aligned under a right-aligned header, and may wrap between the two
    const mi = table([{ phenomenon: "negation", LSTM: "0.977 [0.928, 1.026]" }]);
    assert.match(mi, /<td style="text-align:right">0\.977 \[0\.928, 1\.026\]<\/td>/);
    assert.match(mi, /<th style="text-align:right">LSTM<\/th>/);
    for (const v of [3, "-0.045", "−2", "1e+3", ".5", "[-0.045, 0.178]"]) assert.equal(isNumberCell(v), true, String(v));
  });

  it("table cuts long inputs at maxRows with a summary row", () => {
    const html = table(Array.from({ length: 10 }, (_, i) => ({ i })), { maxRows: 3 });
    assert.equal(html.split("<tr>").length - 1, 1 + 3 + 1);
    assert.match(html, /… 7 more rows \(10 in all\)/);
    assert.throws(() => table(42 as never), /table: data must be an array of row objects or a DataFrame, got 42/);
  });
});
