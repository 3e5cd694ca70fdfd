// Rows → a danfojs DataFrame, the one place the library builds one (danfojs-node is imported on the first call only).
import type { DataFrame } from "danfojs-node";
import { argError, checkArray, checkObject } from "../args";

/** A value a DataFrame cell holds here. */
export type FrameValue = string | number | boolean;

/**
 * Rows (one object per row, the same keys in each) → a danfojs DataFrame whose columns are the first row's keys, in
 * their order. danfojs-node is imported on the first call only (it takes seconds).
 * @example
 * const df = await rl.toDataFrame([{ word: "ciao", n: 3 }, { word: "casa", n: 5 }]); df.shape // [2, 2]
 */
export async function toDataFrame(rows: readonly Record<string, FrameValue>[]): Promise<DataFrame> {
  checkArray("toDataFrame", "rows", rows, 1);
  const columns = Object.keys(checkObject("toDataFrame", "rows[0]", rows[0], "{ column: value, … }"));
  if (columns.length === 0) throw argError("toDataFrame", "rows[0]", "a row with at least one column", rows[0]);
  rows.forEach((r, i) => {
    const keys = Object.keys(checkObject("toDataFrame", `rows[${i}]`, r, "{ column: value, … }"));
    if (keys.length !== columns.length || keys.some((k) => !columns.includes(k))) {
      throw new Error(`toDataFrame: rows[${i}] has columns [${keys.join(", ")}], expected those of rows[0]: [${columns.join(", ")}]`);
    }
  });
  const dfd = await import("danfojs-node");
  return new dfd.DataFrame(rows.map((r) => columns.map((c) => r[c])), { columns });
}
