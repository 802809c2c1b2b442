// Inside a frontend pod, line by line against real captures: nslookup (PTR, search list), the sh session, exec's warnings.
import { spawn, spawnSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { legacyExecSyntax, NO_TTY } from './cli/exec.ts'
import { bringUp, buildFakes, deployApp, fixture, items, newSim, type Sim } from './testing/index.ts'

let sim: Sim
type Pod = { name: string; ip: string; node: string }
let a: Pod
let b: Pod
let clusterIP: string

beforeAll(async () => {
  sim = newSim(await buildFakes())
  await bringUp(sim)
  await deployApp(sim)
  const pods = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json')).map((p): Pod => ({
    name: p.metadata.name,
    ip: p.status.podIP,
    node: p.spec.nodeName,
  }))
  const [x, y] = pods
  if (!x || !y) throw new Error(`expected two frontend pods, got ${JSON.stringify(pods)}`)
  ;[a, b] = [x, y]
  clusterIP = JSON.parse((await sim.k('get', 'service', 'frontend', '-o', 'json')).stdout).spec.clusterIP
}, 120_000)

const dashed = (ip: string) => ip.replace(/\./g, '-')
const arpa = (ip: string) => `${ip.split('.').reverse().join('.')}.in-addr.arpa`
const fqdn = (ip: string) => `${dashed(ip)}.frontend.default.svc.cluster.local`

/** Put our IP where the sample had its own, in every form a capture shows it: reversed, dashed, dotted. */
const swapIp = (text: string, from: string, to: string) =>
  text.split(arpa(from)).join(arpa(to)).split(dashed(from)).join(dashed(to)).split(from).join(to)
/** Round-trip times are the only numbers that must differ between two runs. */
const untimed = (text: string) =>
  text.replace(/time=\d+\.\d+ ms/g, 'time=T ms').replace(/= [\d.]+\/[\d.]+\/[\d.]+ ms/g, '= T/T/T ms')
/** The lines a capture shows after `command`, up to the next prompt. */
function after(text: string, command: string): string[] {
  const lines = text.split('\n')
  const from = lines.indexOf(command)
  expect(from, `sample has no line ${command}`).toBeGreaterThanOrEqual(0)
  const rest = lines.slice(from + 1)
  const end = rest.findIndex((l) => /^(\$ |\/frontend # |\/ # )/.test(l))
  // At the end of the file, the newline that ends the last line is no line of its own.
  return end < 0 ? rest.slice(0, rest.at(-1) === '' ? -1 : undefined) : rest.slice(0, end)
}
const linesOf = (stdout: string) => stdout.replace(/\n$/, '').split('\n')

describe('nslookup <pod IP> answers the endpoint PTR record', () => {
  it('matches DeerHolt’s capture line for line, tabs included, exit 0', async () => {
    const r = await sim.k('exec', a.name, '--', 'nslookup', b.ip)
    const sample = after(
      fixture('DeerHolt__exec-nslookup-reverse-and-get-pods-wide.txt'),
      '$ kubectl exec deployment-6b7c4f96b7-rp779 --  nslookup 10.244.117.199',
    ).map((l) => swapIp(l, '10.244.117.199', b.ip).replace('service-lab4', 'frontend'))
    expect(linesOf(r.stdout)).toEqual(sample)
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(sample[3]).toBe(`${arpa(b.ip)}\tname = ${fqdn(b.ip)}`)
  })

  it('has Artemchikus’s shape too (his capture lost its tabs)', async () => {
    const r = await sim.k('exec', b.name, '--', 'nslookup', a.ip)
    const spaces = (l: string) => l.replace(/\s+/g, ' ')
    const sample = after(
      fixture('Artemchikus__nslookup-and-ping-endpoint-fqdn.txt'),
      '$ nslookup 192.168.225.64',
    )
      .map((l) => swapIp(l, '192.168.225.64', a.ip).replace('react-np', 'frontend'))
      .map(spaces)
    expect(linesOf(r.stdout).map(spaces)).toEqual(sample)
  })

  it('names the Service for its ClusterIP and says NXDOMAIN (exit 1) for an address that is no endpoint', async () => {
    const svc = await sim.k('exec', a.name, '--', 'nslookup', clusterIP)
    expect(linesOf(svc.stdout)[3]).toBe(`${arpa(clusterIP)}\tname = frontend.default.svc.cluster.local`)
    const none = await sim.k('exec', a.name, '--', 'nslookup', '10.244.9.9')
    expect(linesOf(none.stdout).slice(3)).toEqual([
      "** server can't find 9.9.244.10.in-addr.arpa: NXDOMAIN",
      '',
    ])
    expect(none).toMatchObject({ code: 1, stderr: 'command terminated with exit code 1\n' })
  })
})

describe('nslookup of a short name follows the search list as BusyBox does', () => {
  it('`nslookup frontend` starts exactly like sanchpet’s capture and exits 1 for the NXDOMAIN candidates', async () => {
    const r = await sim.k('exec', a.name, '--', 'nslookup', 'frontend')
    const sample = after(
      fixture('sanchpet__exec-nslookup-service.txt'),
      '/frontend # nslookup itdt-contained-frontend-deployment',
    ).map((l) =>
      l.replaceAll('itdt-contained-frontend-deployment', 'frontend').replace('10.107.152.191', clusterIP),
    )
    const ours = linesOf(r.stdout)
    expect(ours.slice(0, sample.length)).toEqual(sample)
    // The capture stops at the answer; what follows is the other candidates' NXDOMAIN blocks.
    const rest = ours.slice(sample.length).filter(Boolean)
    expect(rest).toEqual([
      "** server can't find frontend.svc.cluster.local: NXDOMAIN",
      "** server can't find frontend.svc.cluster.local: NXDOMAIN",
      "** server can't find frontend.cluster.local: NXDOMAIN",
    ])
    expect(r).toMatchObject({ code: 1, stderr: 'command terminated with exit code 1\n' })
  })

  it('`nslookup frontend.default` has a dot, so it is asked as typed: NXDOMAIN and exit 1, like kubernetes.default', async () => {
    const r = await sim.k('exec', a.name, '--', 'nslookup', 'frontend.default')
    const text = fixture('busybox-nslookup-fqdn-k8s.txt')
    const sample = after(text, '/ # nslookup kubernetes.default').map((l) =>
      l.replace('kubernetes.default', 'frontend.default').replace(/10\.0\.0\.10/g, '10.96.0.10'),
    )
    // That sample's BusyBox lost the AAAA reply ("No answer"); the image's prints the second NXDOMAIN.
    expect(linesOf(r.stdout).slice(0, 5)).toEqual(sample.slice(0, 5))
    expect(linesOf(r.stdout).slice(5)).toEqual(["** server can't find frontend.default: NXDOMAIN", ''])
    expect(after(text, '/ # echo $?')[0]).toBe('1')
    expect(r.code).toBe(1)
  })

  it('ping resolves the same short names through musl’s search list (ndots:5)', async () => {
    for (const name of ['frontend', 'frontend.default']) {
      const r = await sim.k('exec', a.name, '--', 'ping', '-c', '1', '-W', '2', name)
      expect(r.stdout.split('\n')[0]).toBe(`PING ${name} (${clusterIP}): 56 data bytes`)
    }
  })
})

/** The body of Artemchikus's `ping <endpoint fqdn>` (3 packets, cross-node), renamed to our neighbour. */
function realPingBody(to: Pod): string[] {
  const name = '192-168-225-64.react-np.default.svc.cluster.local'
  return after(fixture('Artemchikus__nslookup-and-ping-endpoint-fqdn.txt'), `$ ping ${name}`).map((l) =>
    // He stopped it with Ctrl-C, whose echoed ^C takes the empty line that `-c 3` prints before the statistics.
    untimed(swapIp((l === '^C' ? '' : l).replaceAll(name, fqdn(to.ip)), '192.168.225.64', to.ip)),
  )
}

/** Run `kubectl exec -it` under a real pseudo-terminal (util-linux `script`), typing each line after a prompt. */
async function ttySession(argv: string[], typed: string[]): Promise<{ screen: string; code: number | null }> {
  if (spawnSync('script', ['--version']).status !== 0)
    throw new Error('this test needs util-linux `script` on PATH to give kubectl a terminal')
  const quoted = argv.map((x) => `'${x}'`).join(' ')
  const child = spawn('script', ['-qfec', quoted, '/dev/null'], { env: sim.env })
  let screen = ''
  child.stdout.on('data', (d: Buffer) => (screen += d.toString()))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  const prompt = async (from: number) => {
    const end = Date.now() + 20_000
    while (!/\/frontend # $/.test(screen.slice(from))) {
      if (Date.now() > end) throw new Error(`no prompt; the terminal shows ${JSON.stringify(screen)}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  for (const line of typed) {
    await prompt(screen.lastIndexOf('\n') + 1)
    const mark = screen.length
    child.stdin.write(`${line}\r`) // Enter sends CR; the terminal turns it into a newline
    if (line !== 'exit') await prompt(mark + line.length)
  }
  return { screen: screen.replace(/\r+\n/g, '\n'), code: await exited }
}

describe('kubectl exec -it POD -- sh: the session students type into', () => {
  it('shows the /frontend # prompt, runs `ping -c 3 <fqdn>` with the real output, and `exit` ends it with 0', async () => {
    const { screen, code } = await ttySession(
      ['kubectl', '--context', 'lab4', 'exec', '-it', a.name, '--', 'sh'],
      [`ping -c 3 ${fqdn(b.ip)}`, 'exit'],
    )
    const lines = untimed(screen).replace(/\n$/, '').split('\n')
    // The prompt of every capture from this image (sanchpet's, DeerHolt's, nizepart's sessions).
    const prompts = fixture('sanchpet__ping-endpoint-fqdn.txt')
      .split('\n')
      .filter((l) => l.startsWith('/frontend # '))
    expect(prompts).toHaveLength(2)
    // And a session opens straight on that prompt, as DeerHolt's `kubectl exec -it … -- sh` did.
    const deer = fixture('DeerHolt__exec-sh-ping-ip-both-ways.txt').split('\n')
    expect(deer[0]).toBe('$ kubectl exec -it deployment-6b7c4f96b7-ncl8t -- sh')
    expect(deer[1]?.startsWith('/frontend # ')).toBe(true)
    expect(lines[0]).toBe(`/frontend # ping -c 3 ${fqdn(b.ip)}`)
    expect(lines.slice(1, -1)).toEqual(realPingBody(b))
    // The echo of the last `exit` races script's exit, so the final prompt may or may not show it.
    expect(lines.at(-1)).toMatch(/^\/frontend # (exit)?$/)
    expect(code).toBe(0)
  })

  it('Ctrl-C stops a ping without -c the way the terminal shows it (^C, then the statistics)', async () => {
    const child = spawn('script', ['-qfec', `kubectl --context lab4 exec -it ${a.name} -- sh`, '/dev/null'], {
      env: sim.env,
    })
    let screen = ''
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()))
    const wait = async (re: RegExp) => {
      for (let i = 0; i < 400 && !re.test(screen); i++) await new Promise((r) => setTimeout(r, 50))
    }
    await wait(/# $/)
    child.stdin.write(`ping ${b.ip}\r`)
    await wait(/seq=3 /)
    child.stdin.write('\x03')
    await wait(/ms\r?\n\/frontend # $/)
    child.stdin.write('exit\r')
    await new Promise((r) => child.on('exit', r))
    const lines = screen.replace(/\r+\n/g, '\n').split('\n')
    const sample = fixture('alex-grandson__exec-sh-ping-own-ip.txt').split('\n')
    const at = (xs: string[]) => xs.findIndex((l) => l === '^C')
    expect(at(lines)).toBeGreaterThan(0)
    // After ^C: the statistics line and the counts, exactly where the real session has them.
    const shape = (xs: string[]) =>
      xs
        .slice(at(xs), at(xs) + 4)
        .map((l) => l.replace(/\d+(\.\d+)?/g, 'N').replace(/--- \S+ ping/, '--- X ping'))
    expect(shape(lines)).toEqual(shape(sample))
  })

  it('kubectl exec -i POD -- sh, stdin fed from a pipe: no terminal, so no prompt, just the output', async () => {
    const r = await sim.run(
      ['kubectl', '--context', 'lab4', 'exec', '-i', a.name, '--', 'sh'],
      `ping -c 3 ${fqdn(b.ip)}\nexit\n`,
    )
    expect(untimed(r.stdout).replace(/\n$/, '').split('\n')).toEqual(realPingBody(b))
    expect(r).toMatchObject({ code: 0, stderr: '' })
  })

  it('-it with stdin that is not a terminal: kubectl says it cannot use a TTY and runs the same way', async () => {
    const r = await sim.run(
      ['kubectl', '--context', 'lab4', 'exec', '-it', a.name, '--', 'sh'],
      'hostname\nexit 3\n',
    )
    expect(r).toEqual({
      stdout: `${a.name}\n`,
      stderr: `${NO_TTY}command terminated with exit code 3\n`,
      code: 3,
    })
  })
})

describe('kubectl logs of a frontend pod', () => {
  it('prints what the image’s node.js logs around `npm run build` (not npm’s own output, which it captures)', async () => {
    expect(await sim.k('logs', `pod/${a.name}`)).toEqual({
      stdout: 'Builing frontend\nbuild finished\nServer started on port 3000\n',
      stderr: '',
      code: 0,
    })
  })
})

describe('kubectl exec POD COMMAND without --', () => {
  it('kubectl up to v1.30 warns with the real text, then runs the command', () => {
    const warning = fixture('kairoslav__exec-ping-ip-deprecated-syntax.txt').split('\n')[1]
    expect(legacyExecSyntax('v1.30.4')).toEqual({ warning: `${warning}\n` })
    expect(fixture('sanchpet__exec-nslookup-service.txt').split('\n')[1]).toBe(warning)
  })

  it('the simulated kubectl v1.31 refuses it (kubernetes PR #125437) and runs nothing', async () => {
    const r = await sim.k('exec', `pods/${a.name}`, 'ping', b.ip)
    expect(r).toEqual({
      stdout: '',
      stderr:
        "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
      code: 1,
    })
  })
})
