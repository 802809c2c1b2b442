// Pure: does the cluster already run exactly the rendered manifest? A string compare of spec hashes.
import { CommandError, parseItems, type Command, type Result } from '@lab4/core'
import { specHashOf, type FrontendManifest } from './frontend.ts'

type Annotated = { kind?: string; metadata?: { annotations?: Record<string, string> } }

/** Why an apply is needed, or undefined when both objects carry the rendered hashes. */
export function applyReason(
  m: FrontendManifest,
  got: { deployment: [Command, Result]; service: [Command, Result] },
): string | undefined {
  const reasons = (
    [
      ['Deployment', got.deployment, specHashOf(m.deployment)],
      ['Service', got.service, specHashOf(m.service)],
    ] as const
  ).map(([kind, [command, r], want]) => {
    if (r.exitCode !== 0) {
      if (/NotFound/.test(r.stderr)) return `${kind} absent`
      throw new CommandError(command, r, 'Cannot read the current object; check cluster access.')
    }
    const have = specHashOf(parseItems<Annotated>(r.stdout)[0])
    return have === want
      ? undefined
      : `${kind} ${have ? `spec-hash ${have} ≠ ${want}` : 'not applied by lab4'}`
  })
  const list = reasons.filter((x): x is string => x !== undefined)
  return list.length > 0 ? list.join(', ') : undefined
}
