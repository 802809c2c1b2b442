// cluster.ready records the cluster identity the lab record ties its runs by: kube-system UID and node UIDs.
import { describe, expect, it } from 'vitest'
import { IDENTITY_KEY, identityOf } from '@lab4/core'
import { runScripted } from '@lab4/core/testing'
import { readyStep } from './ready-step.ts'
import { KEY } from '../contract.ts'
import * as s from '../testing/script.ts'

describe('cluster.ready and the cluster identity', () => {
  it('observes the kube-system UID and the node UIDs, citing the two commands they were read from', async () => {
    const { entries, evidence } = await runScripted([readyStep], [...s.readyRun(), ...s.readyCollect()], {
      assertDone: true,
    })
    expect(identityOf(entries)).toEqual({
      kubeSystemUid: '0b6e3c1a-7f2d-4c59-9a51-3f1e2d4c5b6a',
      nodes: [
        { name: 'lab4', uid: '5d1b7a3e-0000-4000-8000-000000000000' },
        { name: 'lab4-m02', uid: '5d1b7a3e-0000-4000-8000-000000000001' },
      ],
    })
    const obs = evidence.observation(IDENTITY_KEY)
    expect(obs?.evidence).toEqual([
      evidence.command(KEY.kubeSystemNamespace)?.id,
      evidence.commands(KEY.nodesJson).at(-1)?.id,
    ])
  })

  it('records no identity when the namespace cannot be read', async () => {
    const script = [...s.readyRun(), ...s.readyCollect()].map((e) =>
      Array.isArray(e.argv) && e.argv.includes('namespace')
        ? { ...e, respond: { stdout: '', stderr: 'Error from server (Forbidden)\n', exitCode: 1 } }
        : e,
    )
    const { entries } = await runScripted([readyStep], script, { assertDone: true })
    expect(identityOf(entries)).toBeUndefined()
  })
})
