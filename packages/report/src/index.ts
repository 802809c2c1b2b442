// @lab4/report: the write-up (markdown, images, PDF) derived only from a recorded run.

// `pnpm report`: read a run record, write lab4_report.md, images/ and lab4_report.pdf; the languages it writes.
export { writeReport, REPORT_MD } from './shell/write.ts'
export { LANGS, type Lang } from './render/markdown.ts'

// The stages the PDF bench times one by one: read the record, build the model, PDF HTML and page templates, the browser.
export { loadRun } from './shell/load.ts'
export { buildReportModel } from './model/model.ts'
export { pdfHtml, pageTemplates, pinPdfDates } from './render/pdf.ts'
export { openRenderer } from './shell/browser.ts'
