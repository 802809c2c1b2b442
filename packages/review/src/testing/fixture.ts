// Test helpers: real outputs from src/fixtures (their `# source:` line dropped) put into small markdown reports.
import { readFileSync } from 'node:fs'
import type { Finding, Review, ReviewInput } from '../types.ts'

const DIR = new URL('../fixtures/', import.meta.url)

/** A fixture's text without its first `# source:` line, so line numbers match the original. */
export function fixture(name: string): string {
  const text = readFileSync(new URL(name, DIR), 'utf8')
  return text.startsWith('# source:') ? text.slice(text.indexOf('\n') + 1) : text
}

/** A fixture as a fenced block (the way most reports paste outputs). */
export const fenced = (name: string, lang = 'console'): string =>
  `\`\`\`${lang}\n${fixture(name).replace(/\n+$/, '')}\n\`\`\`\n`

/** Lines in one fenced block. */
export const code = (lines: readonly string[], lang = 'console'): string =>
  `\`\`\`${lang}\n${lines.map((l) => l.replace(/\n+$/, '')).join('\n')}\n\`\`\`\n`

/** Markdown parts joined by blank lines. */
export const md = (...parts: string[]): string => `${parts.map((p) => p.replace(/\n+$/, '')).join('\n\n')}\n`

export const input = (text: string, manifests: Record<string, string> = {}): ReviewInput => ({
  file: 'lab4/lab4_report.md',
  text,
  manifests: Object.entries(manifests).map(([file, t]) => ({ file, text: t })),
})

/** 1-based line of the first line containing `needle` (after line `after`). */
export function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split(/\r?\n/)
  const i = lines.findIndex((l, k) => k >= after && l.includes(needle))
  if (i < 0) throw new Error(`"${needle}" is not in the text`)
  return i + 1
}

export const ofKind = (r: Review, kind: string): Finding[] => r.findings.filter((f) => f.kind === kind)

/** Kinds of the findings that are not about the header or missing evidence (the noise of a one-snippet report). */
export const substantive = (r: Review): string[] =>
  r.findings
    .filter(
      (f) =>
        f.item !== null &&
        !f.kind.startsWith('evidence.') &&
        f.kind !== 'q9.no-answer' &&
        !(f.kind === 'ping.no-output' && f.line === null),
    )
    .map((f) => f.kind)

/** The write-up our own `pnpm report` generated from a simulated good run (checked in by @lab4/report). */
export const generatedReport = (lang: 'ru' | 'en' = 'ru'): string =>
  readFileSync(
    new URL(`../../../report/src/__golden__/lab4_report.${lang}.golden.md`, import.meta.url),
    'utf8',
  )
