// The waits mutations share: how long a change may take to show, and "every pod of a kind is gone".
import { parseItems, type V1Pod } from '@lab4/core'
import type { World } from './mutation.ts'

/** The longest a mutation waits for the cluster to show its change or to settle after its restore. */
export const WAIT_MS = 300_000

/** Wait until no kube-system pod matches `selector`: what a mutation deleted or scaled to 0 has really gone. */
export async function waitNoPods(w: World, what: string, selector: string): Promise<void> {
  await w.waitFor(
    `no ${what} pods left`,
    async () => {
      const r = await w.must({
        argv: w.kubectl('-n', 'kube-system', 'get', 'pods', '-l', selector, '-o', 'json'),
      })
      const left = parseItems<V1Pod>(r.stdout).map((p) => p.metadata?.name ?? '')
      return { done: left.length === 0, observed: left.join(', ') || 'none' }
    },
    { timeoutMs: WAIT_MS, hint: `Look at \`kubectl -n kube-system get pods -l ${selector}\`.` },
  )
}
