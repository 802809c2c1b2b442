// Config that crashed (exit 70) or was accepted although it must fail later: each is refused by the real CLI
// before any command, with exit 2, the path named, what to write, and no run dir or simulated world.
import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, sandbox } from './harness.ts'

const dir = () => mkdtempSync(join(tmpdir(), 'lab4-e2e-cfg-'))
const fileWith = (body: string | Buffer): string => {
  const f = join(dir(), 'lab.config.yaml')
  writeFileSync(f, body)
  return f
}

/** Nine levels of nine aliases each: 9^9 nodes once expanded. */
const aliasBomb = (): string => {
  const names = 'abcdefghi'
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]']
  for (let i = 1; i < names.length; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(', ')}]`,
    )
  return lines.join('\n') + '\n'
}

type Case = [name: string, config: () => string, says: RegExp]

// Items 7 and 8 of issue 19, one line each: what the file holds, and what the error must name.
const CASES: Case[] = [
  [
    '--config <a directory>',
    () => dir(),
    /is a directory, not a config file[\s\S]*hint: Pass the file itself/,
  ],
  [
    'a YAML alias bomb',
    () => fileWith(aliasBomb()),
    /aliases \(\*name\) expand more than 100 times; that is the limit/,
  ],
  [
    'a 2 MB file',
    () => fileWith(`# ${'x'.repeat(2 * 1024 * 1024)}\n`),
    /is 2\.0 MB; a config file may be at most 1 MB/,
  ],
  [
    'app.name of 70 characters',
    () => fileWith(`app:\n  name: ${'a'.repeat(70)}\n`),
    /app\.name: is longer than 63[\s\S]*fix: write/,
  ],
  [
    'app.name 1web',
    () => fileWith('app:\n  name: 1web\n'),
    /app\.name: must be a DNS-1035 label[\s\S]*fix: write .*name: web/,
  ],
  [
    'app.service.name 1web',
    () => fileWith('app:\n  service:\n    name: 1web\n'),
    /app\.service\.name: must be a DNS-1035 label[\s\S]*fix: write .*name: web/,
  ],
  [
    'an image reference with a space',
    () => fileWith('app:\n  image: nginx latest\n'),
    /app\.image: is not an image reference[\s\S]*fix: write .*image: nginx:latest/,
  ],
  [
    'student.dateFinished 31.02.2025',
    () => fileWith("student:\n  dateFinished: '31.02.2025'\n"),
    /student\.dateFinished: is not a date: February 2025 has 28 days[\s\S]*fix: write a real date/,
  ],
  [
    'the zone label key kubernetes.io/hostname',
    () => fileWith('zones:\n  labelKey: kubernetes.io/hostname\n'),
    /zones\.labelKey: the prefix kubernetes\.io\/ is reserved[\s\S]*fix: write labelKey: zone/,
  ],
  [
    'a zone label key in k8s.io/',
    () => fileWith('zones:\n  labelKey: k8s.io/zone\n'),
    /zones\.labelKey: the prefix k8s\.io\/ is reserved/,
  ],
  [
    'a malformed cluster.serviceCidr',
    () => fileWith('cluster:\n  serviceCidr: 10.96.0.0/33\n'),
    /cluster\.serviceCidr: the Service network is not an IPv4 CIDR[\s\S]*fix: write serviceCidr: 10\.96\.0\.0\/12/,
  ],
  [
    'a malformed cluster.nodeCidr',
    () => fileWith('cluster:\n  nodeCidr: 192.168.49/24\n'),
    /cluster\.nodeCidr: the node network is not an IPv4 CIDR[\s\S]*fix: write nodeCidr: 192\.168\.49\.0\/24/,
  ],
  [
    'a pool inside the Service network (10.96.1.0/24)',
    () =>
      fileWith('pools:\n  - { zone: east, cidr: 10.96.1.0/24 }\n  - { zone: west, cidr: 10.244.2.0/24 }\n'),
    /pools\[0\]\.cidr: pool east-ippool \(10\.96\.1\.0\/24\) overlaps the service network[\s\S]*fix: write a range outside 10\.96\.0\.0\/12, e\.g\. cidr: 10\.244\.1\.0\/24/,
  ],
  [
    'a username with a newline',
    () => fileWith('app:\n  username: "ivanov\\n"\n'),
    /app\.username: must be one line[\s\S]*fix: write .*username: "ivanov"/,
  ],
  [
    'a username with leading spaces',
    () => fileWith("app:\n  username: '  ivanov'\n"),
    /app\.username: must be one line[\s\S]*fix: write .*username: "ivanov"/,
  ],
  [
    'app.replicas: 1',
    () => fileWith('app:\n  replicas: 1\n'),
    /app\.replicas: 1 replica for 2 zones[\s\S]*fix: write app\.replicas: 2/,
  ],
  [
    'cluster.nodes: 3 with 2 zones',
    () => fileWith('cluster:\n  nodes: 3\n'),
    /zones\.values: 2 zone values for 3 nodes[\s\S]*fix: write zones\.values: \[east, west, zone-3\], or cluster\.nodes: 2/,
  ],
  [
    'a file that is not UTF-8',
    () =>
      fileWith(
        Buffer.concat([Buffer.from('app:\n  company: Soci'), Buffer.from([0xe9]), Buffer.from('t\n')]),
      ),
    /is not UTF-8 text: byte 0xE9 at line 2, column 16[\s\S]*hint: Save the file as UTF-8/,
  ],
]

describe('pnpm lab --simulate --config <bad>', () => {
  it.concurrent.each(CASES)('%s: exit 2, named, nothing run', async (_name, make, says) => {
    const box = sandbox('cfg')
    const file = make()
    const r = await cli('lab', ['--simulate', '--config', file], box)
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).not.toMatch(/internal error/)
    expect(r.stderr).toMatch(says)
    expect(r.stderr).toContain(file) // the file is named, then the YAML path
    expect(existsSync(box.runsDir)).toBe(false)
    expect(existsSync(box.simDir)).toBe(false)
  })
})

describe('pnpm lab lint', () => {
  it('reports every finding at once, even when the file also has an unknown key', async () => {
    const file = fileWith(
      'app:\n  replicaz: 2\npools:\n  - zone: east\n    cidr: 10.244.102.1/24\n  - zone: west\n    cidr: 10.244.102.2/24\n',
    )
    const r = await cli('lab', ['lint', '--config', file], sandbox('lint'))
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/: 4 problems\n/)
    expect(r.stdout).toMatch(
      /app\.replicaz: unknown key replicaz[\s\S]*fix: write replicas: instead of replicaz:/,
    )
    expect(r.stdout).toMatch(/pools\[0\]\.cidr: 10\.244\.102\.1\/24 has host bits set/)
    expect(r.stdout).toMatch(/pools\[1\]\.cidr: 10\.244\.102\.2\/24 has host bits set/)
    expect(r.stdout).toMatch(
      /pools\[1\]\.cidr: pools\[1\] west-ippool \(10\.244\.102\.2\/24\) overlaps pools\[0\]/,
    )
  })

  it('reports one mistake once: three nodes with two zones is one finding', async () => {
    const file = fileWith('cluster:\n  nodes: 3\n')
    const r = await cli('lab', ['lint', '--config', file], sandbox('lint'))
    expect(r.code).toBe(2)
    expect(r.stdout.match(/zone values? for 3 nodes/g)).toHaveLength(1)
  })
})
