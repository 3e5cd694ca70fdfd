// Public surface of src/display: pure figure/table builders, plotly bundles, live progress, and the tslab bridge.
export { lineChart } from "./line-chart";
export type { Series, SeriesRow, ChartOptions, LineChartOptions } from "./line-chart";
export { heatmap } from "./heatmap";
export type { HeatmapOptions } from "./heatmap";
export { barChart } from "./bar-chart";
export type { BarRow, BarChartOptions } from "./bar-chart";
export { svgImgHtml, svgBundle } from "./bundle";
export type { MimeBundle } from "./bundle";
export { plotlyFigure, plotlyBundle, resetPlotlyInline } from "./plotly";
export type { PlotlyFigure, PlotlyBundleOptions } from "./plotly";
export { table, tableText, isDataFrameLike } from "./table";
export type { TableInput, TableOptions, DataFrameLike } from "./table";
export { liveProgress, progressBundle, progressLine, progressCurve } from "./progress";
export type { ProgressOptions, ProgressState, ProgressStep, ProgressEpoch, LiveProgress } from "./progress";
export { show, showBundle, showHtml, showSvg, showPlotly, showTable, markdown, newOutput, inNotebook, tensorHtml } from "./tslab";
export type { LiveOutput } from "./tslab";
export * from "./unrolled-graph";
export { claim, CLAIM_FAILED } from "./claim";
