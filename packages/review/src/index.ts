// @lab4/review: `pnpm review` checks a hand-made Lab 4 write-up (or a class of them) for the known mistakes.
// Pure core: markdown/ (blocks, prompts), command.ts + transcript.ts (command ↔ output), facts/ (tables, YAML,
// pools), rules/ (one file per area), review.ts (findings → verdict per item), render/ (text, JSON, JUnit,
// gradebook). The shell (shell/) finds and reads files, draws the progress bar and writes the outputs.

// The review itself: a write-up and its manifests in, findings and a verdict per lab item out.
export { review, RULES } from './review.ts'
export type {
  Finding,
  Item,
  ItemOrForm,
  ItemVerdict,
  Review,
  ReviewInput,
  Severity,
  Verdict,
} from './types.ts'
export { ITEM_TITLES, titleOf } from './items.ts'

// Renderers (pure).
export { renderText, summaryLine } from './render/text.ts'
export { toReviewJson, stringifyReviewJson, REVIEW_SCHEMA, type ReviewJson } from './render/json.ts'
export { toJunit } from './render/junit.ts'
export { gradebookCsv, gradebookHtml, type ClassRow } from './render/gradebook.ts'

// The command line: flags, and the shell `scripts/review.ts` runs.
export { parseReviewArgs, HELP, USAGE_LINE, type ReviewArgs } from './args.ts'
export { reviewMain, type Io } from './shell/main.ts'
export { locateReport, readReport } from './shell/discover.ts'
