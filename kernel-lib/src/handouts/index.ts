// Reproducible handouts: executed notebooks, standalone HTML, PDF and an index page, built from outside the kernel.
export { buildHandouts, buildHandout, listNumberedNotebooks, selectNotebooks, type HandoutOptions, type HandoutEvent } from "./build";
export { exportHtml, printPdf, trustNotebook, runCommand, CHROMIUM, CHROMIUM_FLAGS } from "./export";
export { renderHandoutIndex, notebookTitle, type HandoutEntry } from "./index-page";
export { terminalProgress, lineProgress, barProgress, type HandoutProgress } from "./progress";
export { withoutSolutions, foldChecks, collapseChecks, cellTags, CHECKS_TAG, SOLUTION_TAG, FOLD_NBCONVERT_ARGS } from "./fold";
export { findPageEdgeCuts, renderPdfPages, readPgm, printArea, stretchedAxes, yTicks, tickValue, notebookSvgs, PAGE_MARGIN_MM } from "./page-check";
export { commitHandout, completeHandouts, writeIndex, readBuildMarker, type BuildRecord } from "./store";
export { handoutsCommand } from "./command";
