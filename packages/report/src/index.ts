export {
  buildReportModel,
  courseDate,
  type ReportModel,
  type SectionView,
  type Terminal,
  type Screenshot,
  type Manifest,
} from './model.ts'
export { renderMarkdown, LANGS, type Lang } from './markdown.ts'
export { topologySvg } from './topology.ts'
export { terminalHtml, TERMINAL_WIDTH } from './terminal.ts'
export { ansiToHtml } from './ansi.ts'
export { pdfHtml, pageTemplates, pinPdfDates, pdfDate, SIMULATED_MARK } from './pdf.ts'
export { pngSize } from './png.ts'
export { loadRun, type LoadedRun } from './load.ts'
export { openRenderer, type Renderer } from './render.ts'
export { writeReport, REPORT_MD, REPORT_PDF, type WriteOptions, type Written } from './write.ts'
export {
  parsePing,
  parseNslookup,
  parseTable,
  parsePools,
  ipInCidr,
  selectorValue,
  type PingResult,
  type PoolView,
} from './parse.ts'
export type { Q9, Page } from './q9.ts'
export type { PingRow, DnsRow } from './network.ts'
