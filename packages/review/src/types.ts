// The data every stage passes on: numbered lines, blocks of a write-up, findings and verdicts.

/** One line of a file, numbered from 1 as an editor shows it. */
export type Line = { readonly n: number; readonly text: string }

/** The course's numbered task items (lab4-task.md §1); null is the write-up as a whole (header, form). */
export type Item = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10
export type ItemOrForm = Item | null
export const ITEMS: readonly Item[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

export type Severity = 'error' | 'warning' | 'note'

export type Finding = {
  /** Stable finding kind, e.g. `ping.self`, `pools.host-bits` (docs/review-json.md lists them all). */
  readonly kind: string
  readonly severity: Severity
  readonly item: ItemOrForm
  /** The file the line belongs to, relative to the reviewed folder (the report or a manifest beside it). */
  readonly file: string
  /** 1-based line in `file`; null when the finding is about something absent from the whole write-up. */
  readonly line: number | null
  /** The line as written (trimmed, at most 160 characters), or a short description of what is missing. */
  readonly excerpt: string
  readonly message: string
  readonly hint: string
}

export type Verdict = 'ok' | 'problem' | 'not checkable'

export type ItemVerdict = {
  readonly item: ItemOrForm
  readonly title: string
  readonly verdict: Verdict
  /** What the verdict rests on: command output as text, only screenshots, only commands, or nothing. */
  readonly evidence: 'text' | 'screenshots' | 'commands' | 'none'
  readonly findings: readonly Finding[]
}

export type ReviewInput = {
  /** Path of the report relative to the reviewed folder, as findings name it. */
  readonly file: string
  readonly text: string
  /** `.yaml`/`.yml` files beside the report (relative paths). */
  readonly manifests: ReadonlyArray<{ readonly file: string; readonly text: string }>
}

export type Review = {
  readonly file: string
  readonly manifests: readonly string[]
  readonly lines: number
  readonly findings: readonly Finding[]
  readonly items: readonly ItemVerdict[]
  readonly summary: {
    readonly errors: number
    readonly warnings: number
    readonly notes: number
    readonly ok: number
    readonly problem: number
    readonly notCheckable: number
  }
  /** 1 when any finding is an error, else 0. */
  readonly exitCode: 0 | 1
}
