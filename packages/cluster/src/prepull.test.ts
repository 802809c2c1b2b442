import { describe, expect, it } from 'vitest'
import { labConfig, labNodes, list, node } from '@lab4/core/testing'
import {
  decidePrepull,
  judgePull,
  lacking,
  nodeImages,
  prepullArgv,
  prepullManifest,
  pullFailureHint,
  pullFailures,
  readPrepullPods,
  sameImage,
} from './prepull.ts'
import { IMAGE, nodesFresh, nodesPulled, prepullPods, withImage } from './testing/prepull.ts'

describe('the pre-pull DaemonSet', () => {
  const yaml = prepullManifest(IMAGE)

  it('runs one host-network pod per node (no CNI call, so no pod IP) with the frontend image, tolerating every taint', () => {
    expect(yaml).toContain('kind: DaemonSet\n')
    expect(yaml).toContain('  namespace: kube-system\n')
    expect(yaml).toMatch(/\n {6}hostNetwork: true\n/)
    expect(yaml).toContain(`          image: "${IMAGE}"\n`)
    expect(yaml).toContain('          imagePullPolicy: IfNotPresent\n')
    expect(yaml).toContain('        - operator: Exists\n')
    // The selector and the template carry the same label, or the API server rejects the DaemonSet.
    expect(yaml.match(/app\.kubernetes\.io\/name: lab4-prepull/g)).toHaveLength(3)
    // sleep (PID 1) would make every deletion wait out the default 30 s grace period.
    expect(yaml).toContain('      terminationGracePeriodSeconds: 0\n')
  })

  it('quotes the image, so a configured reference stays one YAML scalar', () => {
    expect(prepullManifest('registry.example:5000/team/app:1.0')).toContain(
      'image: "registry.example:5000/team/app:1.0"',
    )
  })

  it('has argv builders that carry the lab context', () => {
    const config = labConfig()
    expect(prepullArgv(config, 'pods').join(' ')).toBe(
      'kubectl --context lab4 -n kube-system get pods -l app.kubernetes.io/name=lab4-prepull -o json',
    )
    expect(prepullArgv(config, 'delete').join(' ')).toBe(
      'kubectl --context lab4 -n kube-system delete daemonset lab4-prepull',
    )
  })
})

describe('which nodes have the image', () => {
  it('reads status.images the way docker (short names) and containerd (docker.io/…) spell them', () => {
    expect(sameImage(IMAGE, `docker.io/${IMAGE}`)).toBe(true)
    expect(sameImage('busybox', 'docker.io/library/busybox:latest')).toBe(true)
    expect(sameImage(IMAGE, 'ifilyaninitmo/itdt-contained-frontend:main')).toBe(false)
    expect(sameImage('localhost:5000/app', 'localhost:5000/app:latest')).toBe(true)
  })

  it('lists each node, control plane first, with whether its kubelet reports the image', () => {
    const nodes = nodeImages(
      list([...withImage([labNodes()[1] ?? node({ name: 'lab4-m02' })]), labNodes()[0]]),
      IMAGE,
    )
    expect(nodes.map((n) => [n.name, n.hasImage])).toEqual([
      ['lab4', false],
      ['lab4-m02', true],
    ])
    expect(lacking(nodes).map((n) => n.name)).toEqual(['lab4'])
  })

  it('counts a NotReady node as lacking: its image list is the last one its kubelet posted', () => {
    const stale = withImage([node({ name: 'lab4' }), node({ name: 'lab4-m02', ready: 'Unknown' })])
    expect(lacking(nodeImages(list(stale), IMAGE)).map((n) => `${n.name} ${n.status}`)).toEqual([
      'lab4-m02 Unknown',
    ])
  })
})

describe('deciding', () => {
  const nodes = (stdout: string) => nodeImages(stdout, IMAGE)

  it('pulls on the nodes that lack the image', () => {
    expect(decidePrepull(nodes(nodesFresh()), [])).toEqual({ action: 'pull', nodes: ['lab4', 'lab4-m02'] })
  })
  it('does nothing when every node has it and no DaemonSet is left (an idempotent re-run)', () => {
    expect(decidePrepull(nodes(nodesPulled()), []).action).toBe('none')
  })
  it('removes a DaemonSet a killed run left behind', () => {
    const pods = readPrepullPods(prepullPods('running'))
    expect(decidePrepull(nodes(nodesPulled()), pods).action).toBe('cleanup')
  })
})

describe('waiting for the pull', () => {
  it('is not done while a node pulls, naming each pod and its STATUS', () => {
    const j = judgePull(
      nodeImages(nodesFresh(), IMAGE),
      prepullPods({ lab4: 'running', 'lab4-m02': 'pulling' }),
    )
    expect(j).toEqual({
      done: false,
      failed: [],
      observed: 'lab4 lab4-prepull-x7k2p Running; lab4-m02 lab4-prepull-q9tzd ContainerCreating',
    })
  })

  it('is done once every node lists the image', () => {
    expect(judgePull(nodeImages(nodesPulled(), IMAGE), prepullPods('running'))).toMatchObject({
      done: true,
      failed: [],
      observed: 'lab4 has it; lab4-m02 has it',
    })
  })

  it('stops at the first node that cannot pull, with the kubelet reason and message', () => {
    const j = judgePull(
      nodeImages(nodesFresh(), IMAGE),
      prepullPods({ lab4: 'running', 'lab4-m02': 'failed' }),
    )
    expect(j.done).toBe(true)
    expect(j.failed).toEqual([
      {
        node: 'lab4-m02',
        pod: 'lab4-prepull-q9tzd',
        reason: 'ErrImagePull',
        message: `Back-off pulling image "${IMAGE}"`,
      },
    ])
  })

  it('reads failures from a kube-system pod list too, where cluster.ready sees them first', () => {
    const failed = pullFailures(prepullPods('failed'))
    expect(failed.map((f) => f.node)).toEqual(['lab4', 'lab4-m02'])
  })

  it('blames the network in its hint and shows how to try the pull by hand on that node', () => {
    const hint = pullFailureHint(labConfig(), [
      { node: 'lab4-m02', pod: 'p', reason: 'ErrImagePull', message: '' },
    ])
    expect(hint).toContain('not your lab')
    expect(hint).toContain(`minikube -p lab4 ssh -n m02 -- docker pull ${IMAGE}`)
    expect(hint).toContain('re-run pnpm lab')
  })
})
