// A check is a small named object; its verdict is a pure function of recorded evidence and config.
import type { Evidence } from './evidence.ts'
import type { NotGradableCause, Status } from './journal/schema.ts'
import type { CommandEntry } from './journal/schema.ts'
import type { LabConfig } from './config/schema.ts'

export type Verdict = {
  readonly status: Status
  readonly expected: string
  readonly actual: string
  readonly hint: string
  /** Journal entry ids the verdict was judged on. */
  readonly evidence: readonly string[]
  readonly cause?: NotGradableCause
}

export type Check = {
  /** Stable kebab-case id, prefixed by package: `cluster.nodes-ready`. */
  readonly id: string
  /** The step whose evidence this check judges. */
  readonly step: string
  readonly title: string
  readonly evaluate: (ev: Evidence, config: LabConfig) => Verdict
}

export const defineCheck = (c: Check): Check => c

type Body = {
  expected: string
  actual: string
  hint?: string
  evidence?: readonly (string | CommandEntry | undefined)[]
}

const ids = (e: Body['evidence']): string[] =>
  (e ?? []).flatMap((x) => (x === undefined ? [] : typeof x === 'string' ? [x] : [x.id]))

export const pass = (b: Body): Verdict => ({
  status: 'PASS',
  expected: b.expected,
  actual: b.actual,
  hint: b.hint ?? '',
  evidence: ids(b.evidence),
})
export const fail = (b: Body & { hint: string }): Verdict => ({
  status: 'FAIL',
  expected: b.expected,
  actual: b.actual,
  hint: b.hint,
  evidence: ids(b.evidence),
})
export const notGradable = (cause: NotGradableCause, b: Body & { hint: string }): Verdict => ({
  status: 'NOT-GRADABLE',
  cause,
  expected: b.expected,
  actual: b.actual,
  hint: b.hint,
  evidence: ids(b.evidence),
})

/** PASS when `ok`, FAIL otherwise: the common case. */
export const verdict = (ok: boolean, b: Body & { hint: string }): Verdict => (ok ? pass(b) : fail(b))

/**
 * Look up the commands a check needs. When one is missing or failed to run, the verdict is NOT-GRADABLE
 * (we could not judge), which stays distinct from FAIL (the lab is wrong).
 */
export function withEvidence(
  ev: Evidence,
  keys: readonly string[],
  expected: string,
  judge: (...cmds: CommandEntry[]) => Verdict,
): Verdict {
  const cmds = keys.map((k) => ev.command(k))
  const missing = keys.filter((_k, i) => cmds[i] === undefined)
  if (missing.length > 0) {
    return notGradable('missing-evidence', {
      expected,
      actual: `no recorded output for ${missing.join(', ')}`,
      hint: 'The step that records this evidence did not run or was interrupted; re-run `pnpm lab`.',
    })
  }
  const broken = (cmds as CommandEntry[]).find((c) => c.exitCode !== 0)
  if (broken) {
    return notGradable('missing-evidence', {
      expected,
      actual: `\`${broken.argv.join(' ')}\` exited ${broken.exitCode}: ${broken.stderr.split('\n')[0] ?? ''}`,
      hint: 'The evidence command itself failed; fix the cluster access and re-run.',
      evidence: [broken],
    })
  }
  try {
    return judge(...(cmds as CommandEntry[]))
  } catch (err) {
    return notGradable('missing-evidence', {
      expected,
      actual: `could not parse recorded output: ${err instanceof Error ? err.message : String(err)}`,
      hint: 'The recorded output is not in the expected format; re-run with the supported tool versions.',
      evidence: cmds as CommandEntry[],
    })
  }
}

export type CheckResult = Verdict & { readonly check: string; readonly step: string; readonly title: string }

export function evaluateChecks(checks: readonly Check[], ev: Evidence, config: LabConfig): CheckResult[] {
  return checks.map((c) => {
    let v: Verdict
    try {
      v = c.evaluate(ev, config)
    } catch (err) {
      v = notGradable('missing-evidence', {
        expected: c.title,
        actual: `check crashed: ${err instanceof Error ? err.message : String(err)}`,
        hint: 'This is a bug in the check; please report it with the run record.',
      })
    }
    return { ...v, check: c.id, step: c.step, title: c.title }
  })
}

/** Summary line in the form graders know: `14 passed, 1 failed, 0 not gradable`. */
export function summarize(results: readonly Pick<Verdict, 'status'>[]): {
  passed: number
  failed: number
  notGradable: number
  line: string
} {
  const passed = results.filter((r) => r.status === 'PASS').length
  const failed = results.filter((r) => r.status === 'FAIL').length
  const notGradable = results.filter((r) => r.status === 'NOT-GRADABLE').length
  return {
    passed,
    failed,
    notGradable,
    line: `${passed} passed, ${failed} failed, ${notGradable} not gradable`,
  }
}
