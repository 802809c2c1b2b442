import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ConfigError,
  MAX_CONFIG_BYTES,
  checkConfig,
  firstInvalidUtf8,
  lintConfig,
  loadValidConfig,
  parseConfig,
  readConfigText,
  type ConfigRule,
} from './load.ts'
import { LabError } from '../errors.ts'

const dir = () => mkdtempSync(join(tmpdir(), 'lab4-cfg-'))
const file = (body: string | Buffer) => {
  const f = join(dir(), 'lab.config.yaml')
  writeFileSync(f, body)
  return f
}
const thrown = (fn: () => unknown): LabError => {
  try {
    fn()
  } catch (e) {
    if (e instanceof LabError) return e
    throw e
  }
  throw new Error('expected a LabError')
}

describe('reading the file: refused with exit 2 and a message, never a crash', () => {
  it('a directory', () => {
    const d = dir()
    const e = thrown(() => readConfigText(d, { required: true }))
    expect(e.exitCode).toBe(2)
    expect(e.message).toBe(`${d} is a directory, not a config file`)
    expect(e.hint).toBe(`Pass the file itself: --config ${join(d, 'lab.config.yaml')}`)
  })

  it('a file over 1 MB, saying the limit', () => {
    const f = file(Buffer.alloc(MAX_CONFIG_BYTES + 1, 0x20))
    const e = thrown(() => readConfigText(f))
    expect(e.exitCode).toBe(2)
    expect(e.message).toBe(`${f} is 1.0 MB; a config file may be at most 1 MB`)
  })

  it('a file that is not UTF-8, naming the byte and where it is', () => {
    // "company: Société" saved as Latin-1: é is the lone byte 0xE9
    const f = file(
      Buffer.concat([Buffer.from('app:\n  company: Soci'), Buffer.from([0xe9]), Buffer.from('t\n')]),
    )
    const e = thrown(() => readConfigText(f))
    expect(e.exitCode).toBe(2)
    expect(e.message).toBe(`${f} is not UTF-8 text: byte 0xE9 at line 2, column 16`)
    expect(e.hint).toMatch(/Save the file as UTF-8/)
  })

  it('a YAML alias bomb ("billion laughs"), saying the limit', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (const [prev, name] of [...'abcdefgh'].map((c, i) => [c, 'bcdefghi'[i]] as const))
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`)
    const e = thrown(() => parseConfig(lines.join('\n'), 'bomb.yaml'))
    expect(e.exitCode).toBe(2)
    expect(e.message).toBe(
      'bomb.yaml: its YAML aliases (*name) expand more than 100 times; that is the limit',
    )
  })

  it('still reads anchors used a few times, and strips a UTF-8 byte-order mark', () => {
    const f = file(
      '\uFEFFpools:\n  - &p { zone: east, cidr: 10.244.1.0/24 }\n  - { zone: west, cidr: 10.244.2.0/24, blockSize: 26 }\n',
    )
    expect(parseConfig(readConfigText(f) ?? '', f).config.pools).toHaveLength(2)
  })

  it.each([
    [[0x61, 0x62], undefined],
    [[0xc3, 0xa9], undefined], // é
    [[0xf0, 0x9f, 0x98, 0x80], undefined], // 😀
    [[0x61, 0xc3], 1], // cut short
    [[0xc0, 0xaf], 0], // overlong "/"
    [[0xed, 0xa0, 0x80], 0], // a UTF-16 surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // past U+10FFFF
  ])('firstInvalidUtf8(%j) is %s', (bytes, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at)
  })
})

describe('schema findings say what to write', () => {
  const findingOf = (yaml: string) => checkConfig(yaml, 'lab.config.yaml').findings

  it.each([
    [
      'app.name of 70 characters',
      `app: { name: ${'a'.repeat(70)} }`,
      'app.name',
      'is longer than 63 characters, the limit for a Kubernetes name',
      `write at most 63 lower-case letters, digits or "-", starting with a letter, e.g. name: ${'a'.repeat(63)}`,
    ],
    [
      'app.name starting with a digit',
      'app: { name: 1web }',
      'app.name',
      'must be a DNS-1035 label: lower-case letters, digits and "-", starting with a letter',
      'write at most 63 lower-case letters, digits or "-", starting with a letter, e.g. name: web',
    ],
    [
      'app.service.name starting with a digit',
      'app: { service: { name: 1web } }',
      'app.service.name',
      'must be a DNS-1035 label: lower-case letters, digits and "-", starting with a letter',
      'write at most 63 lower-case letters, digits or "-", starting with a letter, e.g. name: web',
    ],
    [
      'an image with a space',
      'app: { image: "nginx latest" }',
      'app.image',
      'is not an image reference (registry/name:tag, no spaces)',
      'write the reference without spaces, e.g. image: nginx:latest',
    ],
    [
      'a date that does not exist',
      "student: { dateFinished: '31.02.2025' }",
      'student.dateFinished',
      'is not a date: February 2025 has 28 days',
      "write a real date as DD.MM.YYYY, e.g. dateFinished: '28.02.2025', or '-' while the lab is not defended",
    ],
    [
      'a username with a newline',
      'app: { username: "ivanov\\n" }',
      'app.username',
      'must be one line with no space at either end (the page shows it trimmed)',
      'write it on one line with no space at either end, e.g. username: "ivanov"',
    ],
    [
      'a username with leading spaces',
      "app: { username: '  ivanov' }",
      'app.username',
      'must be one line with no space at either end (the page shows it trimmed)',
      'write it on one line with no space at either end, e.g. username: "ivanov"',
    ],
    [
      'a misspelt key',
      'app: { replicaz: 2 }',
      'app.replicaz',
      'unknown key replicaz',
      'write replicas: instead of replicaz: (or delete the line)',
    ],
    [
      'a key with nothing close',
      'cluster: { flavour: big }',
      'cluster.flavour',
      'unknown key flavour',
      'delete flavour:; the keys allowed here are nodes, driver, kubernetesVersion, cpus, memory, nodeCidr, serviceCidr',
    ],
    [
      'a driver typo',
      'cluster: { driver: dockr }',
      'cluster.driver',
      expect.any(String),
      /^write one of: docker, podman/,
    ],
    [
      'a quoted number',
      'app: { replicas: "2" }',
      'app.replicas',
      expect.any(String),
      'write a number without quotes, e.g. replicas: 2',
    ],
  ])('%s', (_what, yaml, path, message, fix) => {
    const f = findingOf(yaml)
    expect(f).toHaveLength(1)
    expect(f[0]).toMatchObject({ path, message })
    if (fix instanceof RegExp) expect(f[0]?.fix).toMatch(fix)
    else expect(f[0]?.fix).toBe(fix)
  })

  it('accepts the real dates and the dash', () => {
    expect(findingOf("student: { dateCreated: '29.02.2024', dateFinished: '-' }")).toEqual([])
    expect(findingOf("student: { dateFinished: '31.12.2025' }")).toEqual([])
  })

  it('reports a value that breaks two checks of one field once', () => {
    expect(findingOf(`app: { name: 1${'a'.repeat(70)} }`).map((f) => f.path)).toEqual(['app.name'])
  })
})

describe('lint: schema and rules together', () => {
  const hostBits: ConfigRule = {
    id: 'test.host-bits',
    check: (c) =>
      c.pools.flatMap((p, i) =>
        p.cidr.endsWith('.1/24')
          ? [{ path: `pools[${i}].cidr`, value: p.cidr, message: 'has host bits set', fix: 'write .0/24' }]
          : [],
      ),
  }
  const onReplicas: ConfigRule = {
    id: 'test.replicas',
    check: (c) =>
      c.app.replicas === 2 ? [] : [{ path: 'app.replicas', value: c.app.replicas, message: 'x', fix: 'y' }],
  }

  it('runs the rules even when the file also has an unknown key, and shows every finding at once', () => {
    const f = file(
      'app:\n  replicaz: 2\npools:\n  - { zone: east, cidr: 10.244.1.1/24 }\n  - { zone: west, cidr: 10.244.2.0/24 }\n',
    )
    expect(lintConfig(f, [hostBits]).findings.map((x) => `${x.path}: ${x.message}`)).toEqual([
      'app.replicaz: unknown key replicaz',
      'pools[0].cidr: has host bits set',
    ])
  })

  it('leaves out what the schema already reported: a bad replicas is one finding, not two', () => {
    const f = file('app:\n  replicas: "three"\n')
    expect(lintConfig(f, [onReplicas]).findings.map((x) => x.path)).toEqual(['app.replicas'])
  })

  it('loadValidConfig throws one ConfigError with both kinds', () => {
    const f = file(
      'profile: lab4\nprofil: x\npools:\n  - { zone: east, cidr: 10.244.1.1/24 }\n  - { zone: west, cidr: 10.244.2.0/24 }\n',
    )
    let err: unknown
    try {
      loadValidConfig(f, [hostBits])
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as ConfigError).findings.map((x) => x.path)).toEqual(['profil', 'pools[0].cidr'])
    expect((err as ConfigError).exitCode).toBe(2)
  })
})
