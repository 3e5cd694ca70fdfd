// What the test kernel runs in place of the solution cells: each top-level function keeps the source's signature (so test cells type-check) and its body forwards the call to the submission.
import type * as TS from "typescript";

/** The in-kernel module both kernels load (compiled next to this file). */
export const ENDPOINT = "rnnlab/dist/grading/rpc/endpoint";
export const RECORDER = "rnnlab/dist/grading/rpc/recorder";

/** The top-level functions a solution cell declares (what the submission must provide and the tests may call). */
export interface StubbedCell { code: string; functions: string[]; unsupported: string[] }

/**
 * Rewrites a source solution cell for the test kernel: function bodies become `return call("name", arguments)`;
 * interfaces, type aliases and imports stay; other statements are dropped and named in `unsupported` when they
 * declare something a test could use (classes, variables).
 */
export function stubSolutionCell(text: string): StubbedCell {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ts: typeof TS = require("typescript");
  const sf = ts.createSourceFile("cell.ts", text, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);
  const out: string[] = [], functions: string[] = [], unsupported: string[] = [];
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body) {
      const name = st.name.text;
      functions.push(name);
      out.push(text.slice(st.getStart(sf), st.body.getStart(sf)) + `{ return require(${JSON.stringify(ENDPOINT)}).call(${JSON.stringify(name)}, arguments); }`);
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isImportDeclaration(st)) {
      out.push(text.slice(st.getStart(sf), st.getEnd()));
    } else if (ts.isClassDeclaration(st) && st.name) {
      unsupported.push(`class ${st.name.text}`);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) unsupported.push(`variable ${d.name.getText(sf)}`);
    }
  }
  return { code: out.join("\n"), functions, unsupported };
}

/** The student kernel's cell registering the submission's functions `names` for calls (those it declares). */
export function registerCell(names: string[]): string {
  return `require(${JSON.stringify(ENDPOINT)}).registerDeclared(${JSON.stringify(names)});`;
}

/** The student kernel's serve step for one test cell. */
export function serveCell(fifoDir: string): string {
  return `require(${JSON.stringify(ENDPOINT)}).serve(${JSON.stringify(fifoDir)});`;
}

/**
 * A test cell wrapped for recording: `check` is the recorder's, the body runs in a block (imports hoisted), a throw is
 * recorded, and the records go to `resultFile`. With `fifoDir`, the cell opens the channel to the submission first.
 */
export function wrapTestCell(code: string, resultFile: string, keepExpected: boolean, fifoDir?: string): string {
  const lines = code.split("\n");
  const imports = lines.filter((l) => /^\s*import\s/.test(l));
  const body = lines.filter((l) => !/^\s*import\s/.test(l));
  const ep = `require(${JSON.stringify(ENDPOINT)})`;
  return [
    ...imports,
    `{ const rnnlabRec = require(${JSON.stringify(RECORDER)}).begin(${JSON.stringify(resultFile)}, ${keepExpected}); const check = rnnlabRec.check;`,
    `try {`,
    ...(fifoDir ? [`${ep}.connect(${JSON.stringify(fifoDir)});`] : []),
    ...body,
    `} catch (rnnlabErr) { rnnlabRec.fail(rnnlabErr); } finally { ${fifoDir ? `${ep}.disconnect(); ` : ""}rnnlabRec.end(); } }`,
  ].join("\n");
}
