import { describe, expect, it } from 'vitest'
import { EvidenceBuilder, labConfig, list, node } from '@lab4/core/testing'
import { frontendImagePulled } from './prepull.ts'
import { KEY } from '../contract.ts'
import { IMAGE, nodesFresh, nodesPulled, noPods, prepullPods, withImage } from '../testing/prepull.ts'

/** Commands in the order they were recorded, each `[key, stdout]`. */
function judge(...cmds: Array<[string, string]>) {
  const b = new EvidenceBuilder()
  for (const [key, stdout] of cmds) b.command(key, stdout)
  return frontendImagePulled.evaluate(b.build(), labConfig())
}

describe('cluster.frontend-image-pulled', () => {
  it('passes when every node lists the image', () => {
    const v = judge([KEY.prepullNodes, nodesPulled()])
    expect(v).toMatchObject({ status: 'PASS', actual: 'lab4 has it; lab4-m02 has it' })
  })

  it('is NOT-GRADABLE (environment) when a node could not pull, even after the pre-pull pods were deleted', () => {
    const v = judge(
      [KEY.prepullPods, prepullPods({ lab4: 'running', 'lab4-m02': 'failed' })],
      [KEY.prepullPods, noPods()],
      [KEY.prepullNodes, list([...withImage([node({ name: 'lab4' })]), node({ name: 'lab4-m02' })])],
    )
    expect(v.status).toBe('NOT-GRADABLE')
    expect(v.cause).toBe('environment')
    expect(v.actual).toBe(
      `lab4 has it; lab4-m02 lacks it; the pull failed: lab4-m02: ErrImagePull (Back-off pulling image "${IMAGE}")`,
    )
    expect(v.hint).toContain("the machine's network, not your lab")
    expect(v.evidence).toHaveLength(2)
  })

  it('FAILs, saying so, when the wait ended while a node was still pulling', () => {
    const v = judge(
      [KEY.prepullNodes, nodesFresh()],
      [KEY.prepullPods, prepullPods({ lab4: 'running', 'lab4-m02': 'pulling' })],
    )
    expect(v.status).toBe('FAIL')
    expect(v.hint).toMatch(
      /^Still pulling when the wait ended \(.*lab4-prepull-q9tzd on lab4-m02 ContainerCreating/,
    )
    expect(v.hint).toContain('raise timeouts.podReady')
  })

  it('FAILs for a NotReady node: its kubelet cannot vouch for the image (the self-test stops a node)', () => {
    const nodes = list(withImage([node({ name: 'lab4' }), node({ name: 'lab4-m02', ready: 'Unknown' })]))
    const v = judge([KEY.prepullNodes, nodes])
    expect(v.status).toBe('FAIL')
    expect(v.actual).toBe('lab4 has it; lab4-m02 Unknown, has it')
    expect(v.hint).toContain('lab4-m02 is Unknown')
  })

  it('FAILs when no pull was ever seen on a node without the image', () => {
    const v = judge([KEY.prepullNodes, nodesFresh()])
    expect(v.status).toBe('FAIL')
    expect(v.hint).toContain('No pull of')
  })

  it('is NOT-GRADABLE (missing-evidence) without the node list, never PASS', () => {
    expect(judge()).toMatchObject({ status: 'NOT-GRADABLE', cause: 'missing-evidence' })
  })
})
