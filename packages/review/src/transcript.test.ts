import { describe, expect, it } from 'vitest'
import { extract } from './markdown/extract.ts'
import { transcripts, effective, outputText } from './transcript.ts'
import { parseCmd } from './command.ts'
import { fenced, fixture, lineOf, md } from './testing/fixture.ts'

const of = (text: string) => transcripts(extract(text))

describe('transcripts: each output with its command', () => {
  it('splits a block at each prompt line (Artemchikus: deploy, rs, pods)', () => {
    const ts = of(fenced('Artemchikus__get-deploy-rs-pods-wide.txt'))
    expect(ts.map((t) => [t.cmd?.text, t.matchedBy, t.out.length])).toEqual([
      ['kubectl get deploy -o wide', 'prompt', 2],
      ['kubectl get rs -o wide', 'prompt', 2],
      ['kubectl get pods -o wide', 'prompt', 3],
    ])
  })

  it('takes the command named in the text just before a block that has none (countenum404, indented)', () => {
    const text = md(
      'Проверяем ноды: `kubectl get nodes`',
      fixture('countenum404__get-nodes-indented.txt').trimEnd(),
    )
    const [t] = of(text)
    expect(t).toMatchObject({ matchedBy: 'text-before', cmdLine: 1 })
    expect(t?.cmd?.positionals).toEqual(['get', 'nodes'])
  })

  it('carries `kubectl exec -it POD -- sh` into the `/frontend #` lines, even in a later block (sanchpet)', () => {
    const text = md(fenced('sanchpet__exec-nslookup-service.txt'), fenced('sanchpet__ping-endpoint-fqdn.txt'))
    const pings = of(text).filter((t) => effective(t)?.tool === 'ping')
    expect(pings.map((t) => [t.pod, t.inPod, t.cmdLine])).toEqual([
      [
        'itdt-contained-frontend-deployment-7686fd9f98-bzvqp',
        true,
        lineOf(text, '/frontend # ping 10-244-1-68'),
      ],
      [
        'itdt-contained-frontend-deployment-7686fd9f98-bzvqp',
        true,
        lineOf(text, '/frontend # ping 10-244-2-195'),
      ],
    ])
  })

  it('keeps `...` elisions out of the output text (Artemchikus `kubectl get pods -A`)', () => {
    const [pods] = of(fenced('Artemchikus__get-pods-A-and-nodes.txt'))
    expect(pods?.out.some((l) => l.text === '...')).toBe(true)
    expect(outputText(pods as never)).not.toContain('...')
  })
})

describe('parseCmd: aliases and wrappers resolved', () => {
  it.each([
    ['k get po -l k8s-app=calico-node -A', 'kubectl', ['get', 'po']],
    ['minikube kubectl -- get pods -o wide', 'kubectl', ['get', 'pods']],
    ['kubectl calico get ippools --allow-version-mismatch', 'calicoctl', ['get', 'ippools']],
    [
      'kubectl exec -i -n kube-system calicoctl -- /calicoctl --allow-version-mismatch create -f - < calico-ippool.yml',
      'calicoctl',
      ['create'],
    ],
    ['calicoctl get  ippool -o wide --allow-version-mismatch', 'calicoctl', ['get', 'ippool']],
    [
      'kubectl --context lab4 label node lab4 zone=east --overwrite',
      'kubectl',
      ['label', 'node', 'lab4', 'zone=east'],
    ],
  ])('%s', (text, tool, positionals) => {
    const c = parseCmd(text)
    expect(c.tool).toBe(tool)
    expect(c.positionals).toEqual(positionals)
  })

  it("splits exec into the pod and the inner command, with and without `--` (kairoslav's deprecated form)", () => {
    expect(parseCmd('kubectl exec pods/react-app-5c96f4b7b6-t9brh ping 192.168.1.1')).toMatchObject({
      pod: 'react-app-5c96f4b7b6-t9brh',
      inner: { tool: 'ping', positionals: ['192.168.1.1'] },
    })
    expect(parseCmd('kubectl exec -it deployment-6b7c4f96b7-ncl8t -- sh')).toMatchObject({
      pod: 'deployment-6b7c4f96b7-ncl8t',
      inner: { tool: 'shell' },
    })
    expect(
      parseCmd(
        'kubectl exec -i -n kube-system calicoctl -- /calicoctl --allow-version-mismatch create -f - < x.yaml',
      ),
    ).toMatchObject({
      stdinFile: 'x.yaml',
      allowVersionMismatch: true,
    })
  })
})
