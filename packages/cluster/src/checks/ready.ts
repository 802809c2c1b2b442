// Checks for lab items 1–2, pure over the recorded `kubectl … -o json` of cluster.ready.
import { defineCheck, fail, notGradable, parseItems, pass, verdict, withEvidence } from '@lab4/core'
import type { V1DaemonSet } from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import {
  calicoPerNode,
  describeCalico,
  describeNodes,
  isPullFailure,
  podState,
  readNodes,
  readPods,
} from '../ready.ts'

export const twoNodesReady = defineCheck({
  id: 'cluster.two-nodes-ready',
  step: STEP.ready,
  title: 'the cluster has the configured number of nodes, all Ready',
  evaluate: (ev, config) => {
    const want = config.cluster.nodes
    const expected = `${want} nodes, all Ready`
    return withEvidence(ev, [KEY.nodesJson], expected, (c) => {
      const nodes = readNodes(c.stdout)
      const notReady = nodes.filter((n) => !n.ready)
      const hint =
        nodes.length !== want
          ? `The profile has ${nodes.length} node(s). Recreate it with ${want}: pnpm lab --recreate (nodes added by hand with minikube node add get names like -m03 and a CNI warning).`
          : `Not Ready: ${notReady.map((n) => n.name).join(', ')}. kubectl --context ${config.profile} describe node ${notReady[0]?.name ?? ''}; calico-node must run there first.`
      return verdict(nodes.length === want && notReady.length === 0, {
        expected,
        actual: describeNodes(nodes),
        hint,
        evidence: [c],
      })
    })
  },
})

export const calicoNodeReady = defineCheck({
  id: 'cluster.calico-node-ready',
  step: STEP.ready,
  title: 'one Ready calico-node pod (1/1 Running) on every node',
  evaluate: (ev, config) => {
    const expected = 'one calico-node pod per node, each 1/1 Running'
    return withEvidence(ev, [KEY.nodesJson, KEY.kubeSystemJson], expected, (nodesCmd, podsCmd) => {
      const nodes = readNodes(nodesCmd.stdout)
      const per = calicoPerNode(nodes, readPods(podsCmd.stdout))
      const actual = describeCalico(per)
      const evidence = [nodesCmd, podsCmd]
      if (nodes.length > 0 && per.every((c) => c.ok)) return pass({ expected, actual, evidence })
      const pulling = per.flatMap((c) => c.pods).filter(isPullFailure)
      if (pulling.length > 0) {
        return notGradable('environment', {
          expected,
          actual,
          hint: `${pulling.map((p) => `${p.name} is ${p.status}`).join(', ')}: the node cannot pull Calico's images (network, proxy or registry limits), so Calico cannot be judged. Fix image access and re-run.`,
          evidence,
        })
      }
      const bad = per.find((c) => !c.ok)
      const pod = bad?.pods.find((p) => !p.ready) ?? bad?.pods[0]
      const hint = !bad
        ? 'No nodes were recorded; is the cluster up?'
        : bad.pods.length === 0
          ? `No calico-node pod on ${bad.node}: kubectl --context ${config.profile} -n kube-system get ds calico-node`
          : bad.pods.length > 1
            ? `${bad.node} runs ${bad.pods.length} calico-node pods; wait for the rollout to settle.`
            : `${pod?.name} on ${bad.node} is ${pod ? podState(pod) : '?'}, not 1/1 Running and Ready: wait for it (kubectl --context ${config.profile} -n kube-system describe pod ${pod?.name}) before going on.`
      return fail({ expected, actual, hint, evidence })
    })
  },
})

// DaemonSet names of the CNIs minikube (or a student) may have installed instead of or beside Calico.
const OTHER_CNI = /^(kindnet|kube-flannel-ds|flannel|cilium|weave-net|canal|antrea-agent|kube-router)/

export const cniIsCalico = defineCheck({
  id: 'cluster.cni-is-calico',
  step: STEP.ready,
  title: 'Calico is the only CNI (calico-node DaemonSet, no kindnet/flannel/cilium/weave)',
  evaluate: (ev) => {
    const expected = 'DaemonSet kube-system/calico-node and no other CNI DaemonSet'
    return withEvidence(ev, [KEY.daemonsets], expected, (c) => {
      const sets = parseItems<V1DaemonSet>(c.stdout).map((d) => ({
        ns: d.metadata?.namespace ?? '',
        name: d.metadata?.name ?? '',
      }))
      const actual = sets.map((d) => `${d.ns}/${d.name}`).join(', ') || 'no DaemonSets'
      const calico = sets.some((d) => d.ns === 'kube-system' && d.name === 'calico-node')
      const others = sets.filter((d) => OTHER_CNI.test(d.name))
      const hint = !calico
        ? 'No calico-node DaemonSet: the profile was started without --cni calico. Recreate it: pnpm lab --recreate.'
        : `Another CNI runs beside Calico (${others.map((d) => d.name).join(', ')}); pods may get addresses outside the Calico pools. Recreate the profile with --cni calico only.`
      return verdict(calico && others.length === 0, { expected, actual, hint, evidence: [c] })
    })
  },
})

export const readyChecks = [twoNodesReady, calicoNodeReady, cniIsCalico]
