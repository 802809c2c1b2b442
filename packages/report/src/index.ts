// @lab4/report: the write-up (markdown, images, PDF) derived only from a recorded run.

// `pnpm report`: read a run record, write lab4_report.md, images/ and lab4_report.pdf; the languages it writes.
export { writeReport, pdfPageCount, REPORT_MD, REPORT_PDF } from './shell/write.ts'
export { LANGS, type Lang } from './render/markdown.ts'
export { reportMd, reportPdf } from './render/files.ts'
// Header fields left at their defaults (`Student Name`, `K0000`): the report lists them as findings.
export { placeholdersOf, type Placeholder } from './model/model.ts'

// The stages the PDF bench times one by one: read the record, build the model, PDF HTML and page templates, the browser.
export { loadRun } from './shell/load.ts'
export { buildReportModel } from './model/model.ts'
export { pdfHtml, pageTemplates, pinPdfDates } from './render/pdf.ts'
export { openRenderer } from './shell/browser.ts'
