// The frontend image on every node before the IPAM steps: a pull the machine cannot make is its environment's
// fault (NOT-GRADABLE `environment`), a node without the image otherwise is the lab's (FAIL).
import { defineCheck, fail, notGradable, pass, withEvidence } from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import {
  describeFailures,
  lacking,
  nodeImages,
  pullFailureHint,
  pullFailures,
  readPrepullPods,
} from '../prepull.ts'
import type { PullFailure } from '../prepull.ts'

export const frontendImagePulled = defineCheck({
  id: 'cluster.frontend-image-pulled',
  step: STEP.prepull,
  title: 'the frontend image is on every node before the IPAM steps (pre-pulled on the host network)',
  evaluate: (ev, config) => {
    const image = config.app.image
    const expected = `${image} on every node, each node Ready`
    return withEvidence(ev, [KEY.prepullNodes], expected, (nodesCmd) => {
      const nodes = nodeImages(nodesCmd.stdout, image)
      const need = lacking(nodes)
      const actual =
        nodes
          .map((n) => `${n.name} ${n.ready ? '' : `${n.status}, `}${n.hasImage ? 'has it' : 'lacks it'}`)
          .join('; ') || 'no nodes'
      if (nodes.length > 0 && need.length === 0) return pass({ expected, actual, evidence: [nodesCmd] })
      // Every poll counts: the pods that showed the failure are gone once the pre-pull was cleaned up.
      const polls = ev.commands(KEY.prepullPods).filter((c) => c.exitCode === 0)
      const failedBy = new Map<string, { failure: PullFailure; id: string }>()
      for (const c of polls)
        for (const f of safeFailures(c.stdout))
          if (need.some((n) => n.name === f.node)) failedBy.set(f.node, { failure: f, id: c.id })
      const failed = [...failedBy.values()]
      if (failed.length > 0)
        return notGradable('environment', {
          expected,
          actual: `${actual}; the pull failed: ${describeFailures(failed.map((f) => f.failure))}`,
          hint: pullFailureHint(
            config,
            failed.map((f) => f.failure),
          ),
          evidence: [nodesCmd, ...failed.map((f) => f.id)],
        })
      const down = need.filter((n) => !n.ready)
      const lastPoll = polls.at(-1)
      const pulling = lastPoll
        ? readPrepullPods(lastPoll.stdout).filter((p) => !p.deleting && need.some((n) => n.name === p.node))
        : []
      const hint = down.length
        ? `${down.map((n) => n.name).join(', ')} is ${down[0]?.status}: its kubelet posts no current image list. Bring the node back (minikube -p ${config.profile} node start …) and re-run pnpm lab.`
        : pulling.length
          ? `Still pulling when the wait ended (${pulling.map((p) => `${p.name} on ${p.node} ${p.status}`).join(', ')}): a slow network; raise timeouts.podReady and re-run pnpm lab.`
          : `No pull of ${image} was seen on ${need.map((n) => n.name).join(', ')}. Re-run pnpm lab: it pulls the image on every node before the IPAM steps.`
      return fail({ expected, actual, hint, evidence: [nodesCmd] })
    })
  },
})

function safeFailures(stdout: string): PullFailure[] {
  try {
    return pullFailures(stdout)
  } catch {
    return []
  }
}

export const prepullChecks = [frontendImagePulled]
