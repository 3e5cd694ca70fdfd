// Headless notebook execution from outside the kernel: nbclient through Debian's python, and run-to-run normalization.
export { JUPYTER_PYTHON, findRepoRoot, projectJupyterPath, jupyterEnv } from "./paths";
export { cellSource, toSourceLines, parseNotebook, readNotebook } from "../nbformat/notebook";
export {
  executeNotebook, firstSourceLine, NotebookExecutionError,
  type NotebookJson, type NotebookCell, type NotebookOutput, type CellError, type CellReport, type ExecuteOptions, type ExecuteResult,
} from "./execute";
export { normalizeNotebook, serializeNotebook } from "./normalize";
export { KERNEL_NAME, KERNEL_DISPLAY_NAME, kernelSpecDir, kernelSpecProblem, writeKernelSpec } from "./kernelspec";
export { findErrorOutputs, type ErrorOutput } from "./error-outputs";
