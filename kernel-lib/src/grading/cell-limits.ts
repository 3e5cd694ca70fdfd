// Per-notebook time limits: a source notebook's cells may ask for more time than the grader's default (`metadata.rnnlab.timeout`, seconds), e.g. cells that train models.

/**
 * The time limit per cell for grading an assignment: the larger of the instructor's flag and the longest
 * `metadata.rnnlab.timeout` any cell of the source asks for (an experiment's training cells need minutes, not 30 s).
 * @param flagSeconds the `--timeout` given (or its default)
 * @throws when a cell's timeout is not a positive number
 */
export function cellTimeoutFor(a: { cells: { key: string; cell: { metadata: Record<string, unknown> } }[] }, flagSeconds: number): number {
  let t = flagSeconds;
  for (const c of a.cells) {
    const asked = (c.cell.metadata.rnnlab as { timeout?: unknown } | undefined)?.timeout;
    if (asked === undefined) continue;
    if (typeof asked !== "number" || !(asked > 0)) throw new Error(`cellTimeoutFor: cell "${c.key}" has metadata.rnnlab.timeout ${JSON.stringify(asked)}, expected a positive number of seconds`);
    t = Math.max(t, asked);
  }
  return t;
}
