import { describe, expect, it } from 'vitest'
import { formatArgv, isWriteCommand } from './command.ts'

describe('isWriteCommand', () => {
  it.each([
    [['minikube', 'start', '-p', 'lab4'], true],
    [['minikube', 'status', '-p', 'lab4', '-o', 'json'], false],
    [['kubectl', '--context', 'lab4', 'get', 'nodes', '-o', 'json'], false],
    [['kubectl', '--context', 'lab4', 'label', 'node', 'lab4', 'zone=east', '--overwrite'], true],
    [['kubectl', '--context', 'lab4', 'apply', '-f', '-'], true],
    [['kubectl', '--context', 'lab4', '-n', 'kube-system', 'rollout', 'restart', 'deployment/coredns'], true],
    [['kubectl', '--context', 'lab4', '-n', 'default', 'rollout', 'status', 'deployment/frontend'], false],
    [
      [
        'kubectl',
        '--context',
        'lab4',
        'exec',
        '-i',
        '-n',
        'kube-system',
        'calicoctl',
        '--',
        'calicoctl',
        'get',
        'ippool',
        '-o',
        'json',
      ],
      false,
    ],
    [
      [
        'kubectl',
        '--context',
        'lab4',
        'exec',
        '-i',
        '-n',
        'kube-system',
        'calicoctl',
        '--',
        'calicoctl',
        'create',
        '-f',
        '-',
      ],
      true,
    ],
    [
      [
        'kubectl',
        '--context',
        'lab4',
        'exec',
        '-i',
        '-n',
        'kube-system',
        'calicoctl',
        '--',
        'calicoctl',
        'ipam',
        'show',
        '--show-blocks',
      ],
      false,
    ],
    [
      ['kubectl', '--context', 'lab4', '-n', 'default', 'exec', 'frontend-x', '--', 'ping', '-c', '3', 'a.b'],
      false,
    ],
    [
      ['kubectl', '--context', 'lab4', '-n', 'default', 'port-forward', 'service/frontend', '3000:3000'],
      false,
    ],
  ])('%j → %s', (argv, write) => {
    expect(isWriteCommand(argv)).toBe(write)
  })
})

describe('formatArgv', () => {
  it('quotes only what a shell would split', () => {
    expect(formatArgv(['kubectl', 'get', 'pods', '-l', 'k8s-app=calico-node'])).toBe(
      'kubectl get pods -l k8s-app=calico-node',
    )
    expect(formatArgv(['echo', 'zone == "east"', "it's"])).toBe(`echo 'zone == "east"' 'it'\\''s'`)
  })
})
