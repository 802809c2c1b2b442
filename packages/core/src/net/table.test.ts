import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseTable } from './table.ts'

/** A file copied unchanged from shared/real-outputs, minus its `# source:` line. */
const real = (file: string): string => {
  const text = readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')
  return text.slice(text.indexOf('\n') + 1)
}

describe('parseTable', () => {
  it('splits kubectl -o wide by header positions, keeping two-word headers', () => {
    const rows = parseTable(real('kubectl-get-pods-wide-topology.txt'))
    expect(rows).toHaveLength(5)
    expect(rows[1]).toMatchObject({
      NAME: 'nginx-5c7588df-s7qw6',
      IP: '192.168.0.129',
      NODE: 'kube-node-1',
      'NOMINATED NODE': '<none>',
    })
  })
  it('reads an indented table pasted into a report', () => {
    const rows = parseTable(real('countenum404__get-nodes-indented.txt'))
    expect(rows.map((r) => [r['NAME'], r['STATUS'], r['ROLES']])).toEqual([
      ['lab4', 'Ready', 'control-plane'],
      ['lab4-m02', 'Ready', '<none>'],
    ])
  })
  it('skips the prompt line and keeps selectors that hold spaces', () => {
    const rows = parseTable(real('LinaMalinaMeow__calicoctl-get-ippool-wide.txt'))
    expect(rows.map((r) => [r['NAME'], r['CIDR'], r['SELECTOR']])).toEqual([
      ['zone-east-ippool', '192.168.1.0/24', 'zone == "east"'],
      ['zone-west-ippool', '192.168.0.0/24', 'zone == "west"'],
    ])
  })
  it('reads CRLF text and gives no rows for an empty output', () => {
    expect(parseTable('NAME   IP\r\npod-a  10.0.0.1\r\n')).toEqual([{ NAME: 'pod-a', IP: '10.0.0.1' }])
    expect(parseTable('')).toEqual([])
  })
})
