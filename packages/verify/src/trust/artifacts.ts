// Every artifact the journal lists must be the file it was when written: same size, same sha256.
// A swapped screenshot or an edited manifest shows here, even when the journal itself is untouched.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { resolve, sep } from 'node:path'
import type { ArtifactEntry, RunRecord } from '@lab4/core'
import type { EvidenceRef, GradedCheck } from '../grade.ts'

export type ArtifactProblem = { readonly entry: string; readonly path: string; readonly problem: string }
export type ArtifactReport = { readonly checked: number; readonly problems: readonly ArtifactProblem[] }

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** Shell (reads the files): compare each artifact entry of a run with its file in the run directory. */
export function checkArtifacts(run: Pick<RunRecord, 'dir' | 'entries'>): ArtifactReport {
  const artifacts = run.entries.filter((e): e is ArtifactEntry => e.type === 'artifact')
  const problems = artifacts.flatMap((a): ArtifactProblem[] => {
    const at = (problem: string) => [{ entry: a.id, path: a.path, problem }]
    const file = resolve(run.dir, a.path)
    if (!file.startsWith(resolve(run.dir) + sep)) return at('its path leaves the run directory')
    if (!existsSync(file)) return at('the file is missing')
    const bytes = readFileSync(file)
    const got = sha256(bytes)
    if (got !== a.sha256)
      return at(
        `sha256 ${got.slice(0, 12)}… (${bytes.length} bytes), but the journal recorded ${a.sha256.slice(0, 12)}… (${a.bytes} bytes)`,
      )
    return bytes.length === a.bytes ? [] : at(`${bytes.length} bytes, the journal recorded ${a.bytes}`)
  })
  return { checked: artifacts.length, problems }
}

/** The check id the lab record's integrity is reported under (shared with record/checks.ts). */
export const INTEGRITY_CHECK = 'record.integrity'
const RECORD_STEP = 'record'

const describe = (p: ArtifactProblem) => `artifact ${p.entry} (${p.path}): ${p.problem}`

/**
 * Fold the artifacts of `runs` into the `record.integrity` verdict: a changed file makes it FAIL, naming the
 * entry; a record with artifacts graded without that check yet gets one of its own, about the artifacts alone.
 */
export function withArtifactIntegrity(
  results: readonly GradedCheck[],
  runs: ReadonlyArray<Pick<RunRecord, 'dir' | 'entries'>>,
): GradedCheck[] {
  const reports = runs.map(checkArtifacts)
  const problems = reports.flatMap((r) => r.problems)
  const checked = reports.reduce((n, r) => n + r.checked, 0)
  const ids = [...new Set(problems.map((p) => p.entry))]
  const artifacts = new Map(
    runs.flatMap((r) => r.entries.flatMap((e) => (e.type === 'artifact' ? [[e.id, e] as const] : []))),
  )
  const refs = ids.map((id): EvidenceRef => {
    const a = artifacts.get(id)
    return a ? { id, kind: 'artifact', key: a.key, path: a.path } : { id, kind: 'unknown' }
  })
  const said = problems.map(describe).join('; ')
  const hint =
    'A file of the record was replaced or edited after the run wrote it. Re-run `pnpm lab` for a clean record; never edit report/runs by hand.'
  const existing = results.find((r) => r.check === INTEGRITY_CHECK)
  if (!existing && checked === 0) return [...results] // no file to answer for
  if (!existing) {
    const own: GradedCheck = {
      check: INTEGRITY_CHECK,
      step: RECORD_STEP,
      title: 'every artifact is the file the run wrote (size and sha256 as the journal lists them)',
      status: problems.length > 0 ? 'FAIL' : 'PASS',
      expected: 'each artifact file with the sha256 its journal entry records',
      actual: problems.length > 0 ? said : `${checked} artifact(s), every sha256 as recorded`,
      hint: problems.length > 0 ? hint : '',
      evidence: ids,
      refs,
    }
    return [...results, own]
  }
  return results.map((r): GradedCheck => {
    if (r !== existing) return r
    if (problems.length === 0)
      return { ...r, actual: `${r.actual}; ${checked} artifact(s), every sha256 as recorded` }
    const { cause: _cause, wouldBe: _wouldBe, ...rest } = r
    return {
      ...rest,
      status: 'FAIL',
      actual: r.status === 'FAIL' ? `${r.actual}; ${said}` : said,
      hint,
      evidence: [...new Set([...r.evidence, ...ids])],
      refs: [...r.refs.filter((x) => !ids.includes(x.id)), ...refs],
    }
  })
}

/** The runs on disk behind what is graded: a lab record's members, or the one run itself; none for a bare view. */
export function runsOnDisk(graded: object): Array<Pick<RunRecord, 'dir' | 'entries'>> {
  const g = graded as Partial<Pick<RunRecord, 'dir' | 'entries'>> & {
    members?: ReadonlyArray<Pick<RunRecord, 'dir' | 'entries'>>
  }
  if (g.members) return [...g.members]
  return typeof g.dir === 'string' && g.entries ? [{ dir: g.dir, entries: g.entries }] : []
}
