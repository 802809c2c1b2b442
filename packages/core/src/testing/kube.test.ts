import { describe, expect, it } from 'vitest'
import {
  daemonSetSummary,
  nodeSummary,
  orderNodes,
  parseItems,
  podSummary,
  type V1DaemonSet,
  type V1Node,
  type V1Pod,
} from '../k8s.ts'
import { parseTable } from '../net/table.ts'
import {
  DEFAULT_POOL,
  LAB_ZONES,
  blockAffinity,
  clusterInformation,
  daemonSet,
  deployment,
  endpointSlice,
  ipPoolList,
  kitFixture,
  kubectlJson,
  labNodes,
  list,
  node,
  nodesFromShowLabels,
  nodesWideTable,
  pod,
  podFromRow,
  podsTable,
  replicaSetOf,
  service,
} from './index.ts'

const nodesBack = (text: string) => parseItems<V1Node>(text).map(nodeSummary)
const podsBack = (text: string) => parseItems<V1Pod>(text).map(podSummary)

describe('list and kubectlJson print what kubectl prints', () => {
  it('wraps items in a v1 List with sorted keys, 4-space indent and a final newline', () => {
    const text = list([
      { kind: 'Thing', apiVersion: 'v1', metadata: { name: 'a', labels: { b: '1', a: '2' } } },
    ])
    expect(
      text.startsWith('{\n    "apiVersion": "v1",\n    "items": [\n        {\n            "apiVersion"'),
    ).toBe(true)
    expect(
      text.endsWith('    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n'),
    ).toBe(true)
    expect(text.indexOf('"a": "2"')).toBeLessThan(text.indexOf('"b": "1"'))
    expect(list([])).toContain('"items": []')
  })

  it('keeps timestamps as the API prints them (no milliseconds) and drops undefined fields', () => {
    const text = kubectlJson(node({ name: 'lab4' }))
    expect(text).toContain('"creationTimestamp": "2025-01-14T01:29:05Z"')
    expect(text).not.toContain('.000Z')
    expect(text).not.toContain('undefined')
  })
})

describe('nodes', () => {
  it('the lab nodes read back through nodeSummary: control plane first, minikube IPs and pod CIDRs, zones', () => {
    const nodes = nodesBack(list(labNodes(LAB_ZONES)))
    expect(
      orderNodes(nodes).map((n) => [n.name, n.controlPlane, n.internalIP, n.podCIDR, n.labels.zone]),
    ).toEqual([
      ['lab4', true, '192.168.49.2', '10.244.0.0/24', 'east'],
      ['lab4-m02', false, '192.168.49.3', '10.244.1.0/24', 'west'],
    ])
    expect(nodes.every((n) => n.ready && n.status === 'Ready' && n.kubeletVersion === 'v1.31.0')).toBe(true)
  })

  it('carries exactly the labels of countenum404 lab4 run, so a default node is a real one', () => {
    const real = nodesFromShowLabels(kitFixture('countenum404__get-nodes-show-labels-full.txt'))
    const ours = labNodes({ lab4: 'west', 'lab4-m02': 'east' })
    expect(ours.map((n) => n.metadata?.labels)).toEqual(real.map((n) => n.metadata?.labels))
    expect(nodesBack(list(real)).map((n) => [n.name, n.controlPlane, n.ready])).toEqual([
      ['lab4', true, true],
      ['lab4-m02', false, true],
    ])
  })

  it('a label key of the caller replaces nothing of minikube’s; no zone when none is given', () => {
    const [cp, m02] = nodesBack(list(labNodes({ lab4: 'a' }, 'topology.kubernetes.io/zone')))
    expect(cp?.labels['topology.kubernetes.io/zone']).toBe('a')
    expect(cp?.labels['minikube.k8s.io/primary']).toBe('true')
    expect(m02?.labels).not.toHaveProperty('topology.kubernetes.io/zone')
    expect(m02?.labels).not.toHaveProperty('zone')
  })

  it('a NotReady node and a node that stopped posting read as kubectl shows them', () => {
    const [notReady, lost] = nodesBack(
      list([node({ name: 'lab4-m02', ready: false }), node({ name: 'lab4-m03', ready: 'Unknown' })]),
    )
    expect([notReady?.status, notReady?.ready, lost?.status, lost?.ready]).toEqual([
      'NotReady',
      false,
      'Unknown',
      false,
    ])
    expect(lost?.internalIP).toBe('192.168.49.4')
    expect(parseTable(nodesWideTable(labNodes()).trimEnd()).map((r) => [r.NAME, r.STATUS, r.ROLES])).toEqual([
      ['lab4', 'Ready', 'control-plane'],
      ['lab4-m02', 'Ready', '<none>'],
    ])
    expect(parseTable(nodesWideTable([node({ name: 'x', ready: 'Unknown' })]))[0]?.STATUS).toBe('NotReady')
  })
})

describe('pods', () => {
  it('a Deployment pod reads back with owner, template hash, Calico annotation, IP and node', () => {
    const [p] = podsBack(
      list([
        pod({
          name: 'frontend-5c96f4b7b6-x2k9d',
          app: 'frontend',
          replicaSet: 'frontend-5c96f4b7b6',
          node: 'lab4-m02',
          ip: '10.244.2.5',
        }),
      ]),
    )
    expect(p).toMatchObject({
      name: 'frontend-5c96f4b7b6-x2k9d',
      namespace: 'default',
      node: 'lab4-m02',
      ip: '10.244.2.5',
      phase: 'Running',
      ready: true,
      readyCount: '1/1',
      status: 'Running',
      ownerKind: 'ReplicaSet',
      ownerName: 'frontend-5c96f4b7b6',
      labels: { app: 'frontend', 'pod-template-hash': '5c96f4b7b6' },
      deleting: false,
    })
    expect(replicaSetOf('frontend-5c96f4b7b6-x2k9d')).toBe('frontend-5c96f4b7b6')
    const raw = parseItems<V1Pod>(list([pod({ name: 'a', node: 'lab4', ip: '10.244.1.7' })]))[0]
    expect(raw?.metadata?.annotations?.['cni.projectcalico.org/podIP']).toBe('10.244.1.7/32')
    expect(raw?.status?.hostIP).toBe('192.168.49.2')
  })

  it('waiting, not-ready, deleting, DaemonSet and host-network pods read as kubectl shows them', () => {
    const pods = podsBack(
      list([
        pod({ name: 'w', node: 'lab4', waiting: 'ImagePullBackOff' }),
        pod({ name: 'r', node: 'lab4', ready: false }),
        pod({ name: 'd', node: 'lab4', deleting: true }),
        pod({
          name: 'calico-node-abc12',
          namespace: 'kube-system',
          node: 'lab4',
          daemonSet: 'calico-node',
          hostNetwork: true,
          ip: '192.168.49.2',
        }),
        pod({ name: 'pending' }),
      ]),
    )
    expect(pods.map((p) => [p.status, p.phase, p.readyCount, p.ready])).toEqual([
      ['ImagePullBackOff', 'Pending', '0/1', false],
      ['Running', 'Running', '0/1', false],
      ['Terminating', 'Running', '1/1', true],
      ['Running', 'Running', '1/1', true],
      ['Pending', 'Pending', '0/1', false],
    ])
    expect(pods[3]?.ownerKind).toBe('DaemonSet')
    const raw = parseItems<V1Pod>(
      list([pod({ name: 'h', node: 'lab4', hostNetwork: true, ip: '192.168.49.2' })]),
    )[0]
    expect(raw?.metadata?.annotations).toBeUndefined()
    expect(raw?.spec?.hostNetwork).toBe(true)
  })

  it('pods rebuilt from a real kube-system table print that table back (NAME, READY, STATUS)', () => {
    const table = kitFixture('countenum404__get-pods-kube-system-calico-init.txt')
    const rows = parseTable(table)
    const pods = rows.map((r) => podFromRow(r, r.NAME === 'calico-node-45j57' ? 'lab4-m02' : 'lab4'))
    const cols = (rs: Array<Record<string, string>>) => rs.map((r) => [r.NAME, r.READY, r.STATUS])
    expect(cols(parseTable(podsTable(pods)))).toEqual(cols(rows))
    expect(cols(rows)).toContainEqual(['calico-node-45j57', '0/1', 'Init:2/3'])
    const back = podsBack(list(pods))
    expect(back.find((p) => p.name === 'storage-provisioner')?.restarts).toBe(1)
    expect(back.find((p) => p.name === 'calico-node-5n6k5')).toMatchObject({
      ownerKind: 'DaemonSet',
      ip: '192.168.49.2',
    })
  })

  it('Init:<reason> and not-ready Running rows keep their kubectl STATUS', () => {
    const s = (STATUS: string, READY = '0/1') =>
      podSummary(podFromRow({ NAME: 'calico-node-x1', READY, STATUS }, 'lab4'))
    expect(s('Init:ImagePullBackOff').status).toBe('Init:ImagePullBackOff')
    expect(s('Init:0/3').status).toBe('Init:0/3')
    expect([s('Running').status, s('Running').ready]).toEqual(['Running', false])
    expect(s('Running', '1/1').ready).toBe(true)
    expect(s('CrashLoopBackOff').status).toBe('CrashLoopBackOff')
  })
})

describe('workloads', () => {
  it('a DaemonSet reads back through daemonSetSummary', () => {
    const [d] = parseItems<V1DaemonSet>(
      list([daemonSet({ name: 'calico-node', desired: 2, ready: 1, updated: 1 })]),
    )
    expect(d && daemonSetSummary(d)).toEqual({
      name: 'calico-node',
      namespace: 'kube-system',
      desired: 2,
      ready: 1,
      updated: 1,
      available: 1,
    })
  })

  it('a Deployment, a Service and an EndpointSlice carry what the app reads from them', () => {
    const d = JSON.parse(
      kubectlJson(
        deployment({ replicas: 2, ready: 1, env: [{ name: 'REACT_APP_USERNAME', value: 'student' }] }),
      ),
    )
    expect([d.spec.replicas, d.status.readyReplicas, d.status.unavailableReplicas]).toEqual([2, 1, 1])
    expect(d.spec.template.spec.containers[0].env).toEqual([{ name: 'REACT_APP_USERNAME', value: 'student' }])
    const plain = JSON.parse(kubectlJson(deployment())).spec.template.spec.containers[0]
    expect([plain.image, plain.env.map((e: { value: string }) => e.value)]).toEqual([
      'ifilyaninitmo/itdt-contained-frontend:master',
      ['student', 'ITMO University'],
    ])
    const s = JSON.parse(kubectlJson(service({ type: 'NodePort', nodePort: 30123 })))
    expect([s.spec.type, s.spec.clusterIP, s.spec.ports[0].port, s.spec.ports[0].nodePort]).toEqual([
      'NodePort',
      '10.101.7.3',
      3000,
      30123,
    ])
    expect(JSON.parse(kubectlJson(service())).spec.ports[0]).not.toHaveProperty('nodePort')
    const [slice] = parseItems<{
      endpoints: Array<{ addresses: string[]; conditions: { ready: boolean }; nodeName: string }>
    }>(
      list([
        endpointSlice({
          endpoints: [
            { ip: '10.244.1.5', pod: 'frontend-a', node: 'lab4' },
            { ip: '10.244.2.5', pod: 'frontend-b', node: 'lab4-m02', ready: false },
          ],
        }),
      ]),
    )
    expect(slice?.endpoints.map((e) => [e.addresses[0], e.nodeName, e.conditions.ready])).toEqual([
      ['10.244.1.5', 'lab4', true],
      ['10.244.2.5', 'lab4-m02', false],
    ])
  })
})

describe('calico', () => {
  it('ipPoolList is calicoctl’s IPPoolList: struct order, 2-space indent, false booleans absent', () => {
    const text = ipPoolList([
      DEFAULT_POOL,
      { name: 'east-ippool', cidr: '10.244.1.0/24', nodeSelector: 'zone == "east"', natOutgoing: false },
    ])
    expect(text.startsWith('{\n  "kind": "IPPoolList",\n  "apiVersion": "projectcalico.org/v3",')).toBe(true)
    const pools = parseItems<{ metadata: { name: string }; spec: Record<string, unknown> }>(text)
    expect(pools.map((p) => [p.metadata.name, p.spec.cidr, p.spec.nodeSelector, p.spec.natOutgoing])).toEqual(
      [
        ['default-ipv4-ippool', '10.244.0.0/16', 'all()', true],
        ['east-ippool', '10.244.1.0/24', 'zone == "east"', undefined],
      ],
    )
    expect(Object.keys(pools[0]?.spec ?? {})).not.toContain('disabled')
    expect(JSON.parse(ipPoolList([])).items).toBeNull()
  })

  it('a BlockAffinity is named <node>-<a-b-c-d-26> and ClusterInformation holds the Calico version', () => {
    const [a] = parseItems<{ metadata: { name: string }; spec: { node: string; state: string } }>(
      list([blockAffinity({ node: 'lab4-m02', cidr: '10.244.2.0/26' })]),
    )
    expect([a?.metadata.name, a?.spec.node, a?.spec.state]).toEqual([
      'lab4-m02-10-244-2-0-26',
      'lab4-m02',
      'confirmed',
    ])
    const [ci] = parseItems<{ spec: { calicoVersion: string } }>(kubectlJson(clusterInformation('v3.28.1')))
    expect(ci?.spec.calicoVersion).toBe('v3.28.1')
  })
})
