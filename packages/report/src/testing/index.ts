// @lab4/report/testing: the hand-in's acceptance helpers, for the e2e tests of `pnpm report --out`.
export {
  pdfLayoutText,
  pdfPages,
  ipv4Tokens,
  countWhole,
  emojiCodePoints,
  blankShares,
  bandShare,
  bandHasText,
  englishRuns,
  brokenLinks,
  relativeLinks,
  prose,
} from './hand-in.ts'
export { RU_ALLOWED } from './allowed-terms.ts'
