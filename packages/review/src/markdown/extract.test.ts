import { describe, expect, it } from 'vitest'
import { extract } from './extract.ts'
import { commandLine } from './prompt.ts'
import { code, fixture, lineOf, md } from '../testing/fixture.ts'

describe('extract: the code a write-up shows, in every form students paste it', () => {
  it('fenced, with the info string, the content numbered from the line after the fence', () => {
    const text = md('## Nodes', code([fixture('sanchpet__get-nodes.txt')]))
    const [b] = extract(text).blocks
    expect(b).toMatchObject({ kind: 'fenced', lang: 'console', start: lineOf(text, 'ubuntu@') })
    expect(b?.lines[0]?.text).toBe('ubuntu@ubuntu-2204:~/ITMO$ kubectl get nodes')
  })

  it('indented by four spaces (countenum404), the indentation removed', () => {
    const text = md('Ноды:', fixture('countenum404__get-nodes-indented.txt').trimEnd())
    const [b] = extract(text).blocks
    expect(b?.kind).toBe('indented')
    expect(b?.lines.map((l) => l.text)).toEqual(
      fixture('countenum404__get-nodes-indented.txt')
        .trimEnd()
        .split('\n')
        .map((l) => l.slice(4)),
    )
  })

  it('quoted with `> `, both as a fence inside the quote and as bare terminal lines', () => {
    const lines = fixture('sanchpet__get-nodes.txt').trimEnd().split('\n')
    const bare = lines.map((l) => `> ${l}`).join('\n')
    expect(extract(bare).blocks).toMatchObject([
      { kind: 'quoted', start: 1, lines: lines.map((t, i) => ({ n: i + 1, text: t })) },
    ])
    const withFence = ['> ```', ...lines.map((l) => `> ${l}`), '> ```'].join('\n')
    expect(extract(withFence).blocks).toMatchObject([{ kind: 'fenced', start: 2 }])
  })

  it("quoted prose stays prose, and its inline code is a mention (the seed's line 133)", () => {
    const doc = extract(fixture('seed__lab4-report-seed.md'))
    expect(doc.blocks.some((b) => b.start === 133)).toBe(false)
    expect(doc.mentions.find((m) => m.n === 133)?.code).toBe(
      'kubectl exec -i -n kube-system calicoctl -- /calicoctl --allow-version-mismatch',
    )
  })

  it('a command on one fenced line (```minikube start …```, seed line 87) is an inline block', () => {
    const doc = extract(fixture('seed__lab4-report-seed.md'))
    expect(doc.blocks.find((b) => b.start === 87)).toMatchObject({
      kind: 'inline',
      lines: [
        { n: 87, text: 'minikube start --network-plugin=cni --cni=calico --nodes 2 -p multinode-demo' },
      ],
    })
  })

  it('terminal lines pasted without a fence (Creampanda `kubectl apply -f react.yaml`)', () => {
    const text = md('Применяем:', fixture('Creampanda__apply-react-yaml-unfenced.txt').trimEnd(), '---')
    expect(extract(text).blocks).toMatchObject([
      { kind: 'plain', start: lineOf(text, 'kubectl apply'), lines: [{}, {}, {}] },
    ])
  })

  it('reads CRLF files with the same lines and numbers', () => {
    const text = code([fixture('sanchpet__get-nodes.txt').trimEnd()])
    const lf = extract(text)
    const crlf = extract(text.replace(/\n/g, '\r\n'))
    expect(crlf.blocks).toEqual(lf.blocks)
  })

  it('finds screenshots (markdown and <img>) and headings with their lines', () => {
    const doc = extract(fixture('seed__lab4-report-seed.md'))
    expect(doc.images.map((i) => i.n)).toEqual([91, 95, 131, 140, 152, 157, 184, 188, 195])
    expect(doc.headings.find((h) => h.n === 197)).toEqual({ n: 197, level: 3, text: 'Попингуем?' })
    expect(extract('<img src="images/ping.png" width="600">\n').images).toMatchObject([
      { n: 1, src: 'images/ping.png' },
    ])
  })
})

describe('commandLine: prompts as students paste them', () => {
  it.each([
    ['$ kubectl get deploy -o wide', '$', 'kubectl get deploy -o wide'],
    ['/frontend # ping 10.244.117.199', '/frontend #', 'ping 10.244.117.199'],
    [
      'frontend # ping lab3-frontend-service.lab3-frontend-54bd764999-rmhtz',
      'frontend #',
      'ping lab3-frontend-service.lab3-frontend-54bd764999-rmhtz',
    ],
    [
      'ubuntu@ubuntu-2204:~/ITMO/lab4$ kubectl apply -f configmap.yml ',
      'ubuntu@ubuntu-2204:~/ITMO/lab4$',
      'kubectl apply -f configmap.yml',
    ],
    [
      'asagaydak@alinas-air lab4 % minikube kubectl -- get pods -o wide',
      'asagaydak@alinas-air lab4 %',
      'minikube kubectl -- get pods -o wide',
    ],
    ['➜  lab4 git:(main) ✗ k get po -n labs -o wide', '➜  lab4 git:(main) ✗', 'k get po -n labs -o wide'],
    ['  kubectl get pods -A', '', 'kubectl get pods -A'],
  ])('%s', (line, prompt, command) => {
    expect(commandLine(line)).toMatchObject({ prompt, command })
  })

  it.each([
    [
      'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.',
    ],
    ['  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current'],
    ['🏄  Done! kubectl is now configured to use "minikube" cluster and "default" namespace by default'],
    ['NAME           STATUS   ROLES           AGE     VERSION'],
    ['PING 192.168.0.65 (192.168.0.65): 56 data bytes'],
  ])('is output, not a command: %s', (line) => {
    expect(commandLine(line)).toBeUndefined()
  })
})
