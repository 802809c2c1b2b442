import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { Command, Result, StepOutcome } from '@lab4/core'
import { kubectlJson, labConfig, list, pod, runScripted } from '@lab4/core/testing'
import { appSteps } from '@lab4/app'
import { buildReportModel } from './model.ts'
import { renderMarkdown } from '../render/markdown.ts'
import { fixtureRun } from '../testing/fixtures.ts'

// app.policy through core's engine against a small cluster that keeps what is applied to it, then the write-up.
const policyStep = appSteps.find((s) => s.id === 'app.policy')
if (!policyStep) throw new Error('@lab4/app has no app.policy step')
const A = { name: 'frontend-6f7c9d8b5-k2x8q', node: 'lab4', ip: '10.244.1.5' }
const B = { name: 'frontend-6f7c9d8b5-w7dzm', node: 'lab4-m02', ip: '10.244.2.7' }
const HTML =
  '<!doctype html><html lang="en"><head><title>React App</title></head><body><div id="root"></div></body></html>'
const PAGE = `page (${HTML.length} bytes)`
const fqdn = (ip: string) => `${ip.replace(/\./g, '-')}.frontend.default.svc.cluster.local`

/** BusyBox ping as the frontend image prints it (see app's fixtures from real captures). */
const busyboxPing = (name: string, ip: string, got: number) =>
  `PING ${name} (${ip}): 56 data bytes\n${Array.from({ length: got }, (_, i) => `64 bytes from ${ip}: seq=${i} ttl=62 time=0.${i + 3}12 ms\n`).join('')}\n--- ${name} ping statistics ---\n3 packets transmitted, ${got} packets received, ${Math.round(((3 - got) / 3) * 100)}% packet loss\n${got ? 'round-trip min/avg/max = 0.312/0.412/0.512 ms\n' : ''}`

function cluster(enforced: boolean) {
  const policies = new Map<string, boolean>() // name → allows TCP 3000
  let record = ''
  const ok = (stdout: string, exitCode = 0, stderr = ''): Result => ({
    stdout,
    stderr,
    exitCode,
    startedAt: new Date(0).toISOString(),
    durationMs: 0,
  })
  return async (c: Command): Promise<Result> => {
    const line = c.argv.join(' ')
    if (line.endsWith('get networkpolicies -o json'))
      return ok(list([...policies.keys()].map((name) => ({ kind: 'NetworkPolicy', metadata: { name } }))))
    if (line.includes('get configmap frontend-policy-experiment'))
      return record
        ? ok(kubectlJson(parse(record)))
        : ok('', 1, 'Error from server (NotFound): configmaps "frontend-policy-experiment" not found\n')
    if (line.includes('get pods'))
      return ok(
        list(
          [A, B].map((p) => pod({ ...p, app: 'frontend', replicaSet: 'frontend-6f7c9d8b5', ports: [3000] })),
        ),
      )
    if (line.endsWith('apply -f -')) {
      const doc = parse(c.stdin ?? '')
      if (doc.kind === 'ConfigMap') record = c.stdin ?? ''
      else policies.set(doc.metadata.name, (doc.spec.ingress ?? []).length > 0)
      return ok(`${String(doc.kind).toLowerCase()}/${doc.metadata.name} created\n`)
    }
    if (line.includes(' delete networkpolicy ')) {
      for (const n of c.argv.slice(c.argv.indexOf('networkpolicy') + 1)) policies.delete(n)
      return ok('')
    }
    const to = [A, B].find((p) => line.includes(fqdn(p.ip)))
    if (!to) throw new Error(`no answer for ${line}`)
    const isolated = enforced && policies.size > 0
    if (c.argv.includes('wget'))
      return isolated && ![...policies.values()].some(Boolean)
        ? ok('', 1, 'wget: download timed out\ncommand terminated with exit code 1\n')
        : ok(HTML)
    return isolated
      ? ok(busyboxPing(fqdn(to.ip), to.ip, 0), 1, 'command terminated with exit code 1\n')
      : ok(busyboxPing(fqdn(to.ip), to.ip, 3))
  }
}

async function policyRun(runner: ReturnType<typeof cluster>, config = labConfig()) {
  const run = await runScripted([policyStep as NonNullable<typeof policyStep>], [], { config, runner })
  const status: StepOutcome | string | undefined = run.result.steps[0]?.status
  return { model: buildReportModel(run.record, config), status }
}

describe('the NetworkPolicy section', () => {
  it('shows both manifests as applied and a row per pair and phase, each as expected on Calico', async () => {
    const { model } = await policyRun(cluster(true))
    expect(model.policy).toMatchObject({ shown: true, source: 'run', passedPolicy: false })
    expect(model.policy.deny.yaml).toContain('name: frontend-deny-ingress')
    expect(
      model.policy.phases.map((p) => [
        p.phase,
        p.rows.map((r) => [r.from, r.to, r.http.detail, r.ping.detail, r.met]),
      ]),
    ).toEqual([
      [
        'baseline',
        [
          [A.name, B.name, PAGE, '3/3 replies', true],
          [B.name, A.name, PAGE, '3/3 replies', true],
        ],
      ],
      [
        'deny',
        [
          [A.name, B.name, 'wget: download timed out', '0/3 replies', true],
          [B.name, A.name, 'wget: download timed out', '0/3 replies', true],
        ],
      ],
      [
        'allow',
        [
          [A.name, B.name, PAGE, '0/3 replies', true],
          [B.name, A.name, PAGE, '0/3 replies', true],
        ],
      ],
      [
        'clean',
        [
          [A.name, B.name, PAGE, '3/3 replies', true],
          [B.name, A.name, PAGE, '3/3 replies', true],
        ],
      ],
    ])
    expect(model.sections.policy.verdicts.map((v) => [v.check, v.status])).toEqual([
      ['app.policy-denies', 'PASS'],
      ['app.policy-allows-port', 'PASS'],
      ['app.policy-cleaned', 'PASS'],
    ])
    const en = renderMarkdown(model, 'en')
    expect(en).toContain('## 9. NetworkPolicy: why the lab uses Calico')
    expect(en).toContain(
      `| 2. deny all ingress | ${A.name} → ${B.name} | \`wget: download timed out\` | 0/3 replies | ✅ yes |`,
    )
    expect(en).toContain('ICMP is not TCP 3000')
    expect(en).toMatch(/```yaml\n# policy-allow-http\.yaml: rendered by lab4/)
    const ru = renderMarkdown(model, 'ru')
    expect(ru).toContain('## 9. NetworkPolicy: зачем лабораторной Calico')
    expect(ru).toContain(
      `| 3. разрешён TCP 3000 | ${A.name} → ${B.name} | страница, ${HTML.length} байт | ответов: 0 из 3 | ✅ да |`,
    )
  })

  it('on a re-run reads the table from the record in the cluster and says which run made it', async () => {
    const runner = cluster(true)
    await policyRun(runner)
    const { model, status } = await policyRun(runner)
    expect(status).toBe('unchanged')
    expect(model.policy.source).toBe('record')
    expect(model.policy.phases.flatMap((p) => p.rows)).toHaveLength(8)
    expect(renderMarkdown(model, 'en')).toMatch(
      /_The experiment ran in run `[^`]+` \(it ended [^)]+\); this run found its record/,
    )
  })

  it('on a CNI that enforces nothing says that traffic passed a policy meant to stop it', async () => {
    const { model } = await policyRun(cluster(false), labConfig('timeouts: { policy: 1 }'))
    expect(model.policy.passedPolicy).toBe(true)
    const en = renderMarkdown(model, 'en')
    expect(en).toContain('In this run traffic passed a policy meant to stop it:')
    expect(en).toContain(
      `| 2. deny all ingress | ${A.name} → ${B.name} | page, ${HTML.length} bytes | 3/3 replies | ❌ no |`,
    )
  })

  it('is left out of a report whose record never ran app.policy', () => {
    const good = fixtureRun('run-good')
    const model = buildReportModel(good.run, good.config, good.texts)
    expect(model.policy.shown).toBe(false)
    expect(renderMarkdown(model, 'en')).not.toContain('NetworkPolicy')
  })
})
