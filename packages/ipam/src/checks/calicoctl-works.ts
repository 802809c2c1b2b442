// calicoctl inside the pod reaches the Kubernetes datastore and reports the cluster's Calico version.
import { type Check, defineCheck, fail, pass, withEvidence } from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import { parseCalicoctlVersion, sameRelease } from '../parse/version.ts'

export const calicoctlWorksCheck: Check = defineCheck({
  id: 'ipam.calicoctl-works',
  step: STEP.calicoctl,
  title: 'calicoctl runs as a pod and reaches the cluster datastore',
  evaluate: (ev) => {
    const expected = 'calicoctl version shows a Client Version and the Cluster Version'
    return withEvidence(ev, [KEY.calicoctlVersion], expected, (entry) => {
      const v = parseCalicoctlVersion(entry.stdout)
      if (!v.client || !v.cluster) {
        return fail({
          expected,
          actual: `client ${v.client ?? 'unknown'}, cluster ${v.cluster ?? 'not detected'}`,
          hint: 'calicoctl could not read the datastore: the pod needs DATASTORE_TYPE=kubernetes and the calicoctl ClusterRole (re-apply manifests/calicoctl.yaml).',
          evidence: [entry],
        })
      }
      const note = sameRelease(v.client, v.cluster)
        ? ''
        : ' (versions differ: commands run with --allow-version-mismatch)'
      return pass({
        expected,
        actual: `calicoctl ${v.client}, cluster ${v.cluster}${v.clusterType ? ` (${v.clusterType})` : ''}${note}`,
        evidence: [entry],
      })
    })
  },
})
