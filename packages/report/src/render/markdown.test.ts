import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildReportModel } from '../model/model.ts'
import { collapseBlankLines, renderMarkdown, cell, inlineCode, LANGS } from './markdown.ts'
import { fixtureRun } from '../testing/fixtures.ts'

const modelOf = (name: 'run-good' | 'run-fail') => {
  const { run, config, texts } = fixtureRun(name)
  return buildReportModel(run, config, texts)
}
const good = modelOf('run-good')
const fail = modelOf('run-fail')

/** Markdown outside fenced code blocks (what GitHub interprets as markdown/HTML). */
const prose = (md: string) => md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '')

const STEP_HEADINGS = {
  ru: [
    '## 1. Запуск кластера и проверка Calico',
    '## 2. Метки зон на узлах',
    '## 3. Calico IPAM: пулы адресов по зонам',
    '## 4. Deployment и Service',
    '## 5. Port-forward и страница в браузере',
    '## 6. Вопрос 9: меняются ли Container name и Container IP?',
    '## 7. Ping соседнего pod по DNS-имени',
    '## 8. CoreDNS',
  ],
  en: [
    '## 1. Cluster start and Calico check',
    '## 2. Zone labels on the nodes',
    '## 3. Calico IPAM: one address pool per zone',
    '## 4. Deployment and Service',
    '## 5. Port-forward and the page in a browser',
    '## 6. Question 9: do Container name and Container IP change?',
    '## 7. Pinging the neighbour pod by DNS name',
    '## 8. CoreDNS',
  ],
}

describe.each(LANGS)('renderMarkdown (%s)', (lang) => {
  const md = renderMarkdown(good, lang)

  it('matches the golden file for the fixture run', () => {
    const file = new URL(`../__golden__/lab4_report.${lang}.golden.md`, import.meta.url)
    if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, md)
    expect(md).toBe(readFileSync(file, 'utf8'))
  })

  it('is byte-identical when rendered twice', () => {
    expect(renderMarkdown(good, lang)).toBe(md)
  })

  it('starts with the course header block in order, then the title and the simulated mark', () => {
    expect(md.startsWith('University: ')).toBe(true)
    const header = [
      'University:',
      'Faculty:',
      'Course:',
      'Year:',
      'Group:',
      'Author:',
      'Lab: Lab4',
      'Date of create: 20.11.2025',
      'Date of finished: -',
      '\n# ',
      '> **SIMULATED',
    ]
    const at = header.map((h) => md.indexOf(h))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
  })

  it('has every step heading, in order', () => {
    const at = STEP_HEADINGS[lang].map((h) => md.indexOf(`\n${h}\n`))
    expect(at.every((i) => i > 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
  })

  it('renders on GitHub: relative image links, no HTML that GitHub strips', () => {
    const p = prose(md)
    for (const bad of [/<style/i, /<script/i, /\sstyle=/i, /<iframe/i, /<link/i, /\son\w+=/i])
      expect(p).not.toMatch(bad)
    const images = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] ?? '')
    expect(images.length).toBeGreaterThan(10)
    for (const src of images)
      expect(src).toMatch(lang === 'ru' ? /^images\/[\w-]+\.(png|svg)$/ : /^images\/[\w-]+\.en\.(png|svg)$/)
    expect(md).not.toMatch(/\/root\/|\/home\/|file:\/\//)
    const fences = md.split('\n').filter((l) => /^`{3,}/.test(l)).length
    expect(fences % 2).toBe(0)
  })

  it('quotes the ping statistics and the pinned pod in the question 9 answer', () => {
    expect(md).toContain('3 packets transmitted, 3 packets received, 0% packet loss')
    const q9 = md.slice(md.indexOf(STEP_HEADINGS[lang][5] ?? ''), md.indexOf(STEP_HEADINGS[lang][6] ?? ''))
    expect(q9).toContain('`frontend-7c9d8f6b54-jx2lq`')
    expect(q9).toContain('`10.244.1.67`')
    expect(q9).toContain('kube-proxy')
    expect(q9).toContain('`student`')
  })

  it('shows the findings of a failing run with expected, actual and hint', () => {
    const f = renderMarkdown(fail, lang)
    const findings = f.slice(f.lastIndexOf(lang === 'ru' ? '## Замечания' : '## Findings'))
    expect(findings).toContain('❌ FAIL')
    expect(findings).toContain(
      lang === 'ru' ? '⚠️ NOT-GRADABLE (нет данных)' : '⚠️ NOT-GRADABLE (missing evidence)',
    )
    expect(findings).toContain("ping: bad address '10-244-1-67.frontend.default.svc.cluster.local'")
    expect(findings).toContain('ready endpoint of service/frontend')
    expect(renderMarkdown(good, lang)).not.toContain('❌ FAIL')
  })
})

describe('markdown helpers', () => {
  it('escapes table cells so `<none>` and pipes survive', () => {
    expect(cell('<none> | x')).toBe('&lt;none&gt; \\| x')
    expect(cell(undefined)).toBe('—')
  })
  it('uses a longer backtick run when the value holds backticks', () => {
    expect(inlineCode('a`b')).toBe('`` a`b ``')
  })
  it('collapses blank lines outside fences only', () => {
    expect(collapseBlankLines('a\n\n\n\nb\n```\nx\n\n\ny\n```\n')).toBe('a\n\nb\n```\nx\n\n\ny\n```\n')
  })
})

describe('markdown for partial and real runs', () => {
  const { run, config, texts } = fixtureRun('run-good')
  it('explains TTL and ClusterIP only when the run recorded those pings', () => {
    const entries = run.entries.filter((e) => !('step' in e && e.step === 'app.network'))
    const md = renderMarkdown(buildReportModel({ header: run.header, entries }, config, texts), 'en')
    expect(md).not.toContain('Why TTL 62 means the other node')
    expect(md).not.toContain('Why a ping to the ClusterIP')
    expect(md).toContain('_The run recorded no commands for this step._')
    expect(renderMarkdown(good, 'en')).toContain('Why TTL 62 means the other node')
  })
  it('has no simulated mark for a run from a real cluster', () => {
    const md = renderMarkdown(
      buildReportModel({ header: { ...run.header, simulated: false }, entries: run.entries }, config, texts),
      'ru',
    )
    expect(md).not.toContain('SIMULATED')
    expect(md.startsWith('University: ')).toBe(true)
  })
  it('says a background command exited on its own rather than being stopped', () => {
    const entries = run.entries.map((e) =>
      e.type === 'command' && e.key === 'app.port-forward.other'
        ? {
            ...e,
            exitCode: 1,
            signal: undefined,
            stderr: 'error: unable to listen on any of the requested ports',
          }
        : e,
    )
    const md = renderMarkdown(buildReportModel({ header: run.header, entries }, config, texts), 'en')
    const block = md.slice(md.indexOf('port-forward pod/frontend-7c9d8f6b54-p8mzt 3001:3000'))
    expect(block.slice(0, 400)).toContain('Exit code: 1.')
    expect(block.slice(0, 400)).not.toContain('the tool stopped it')
  })
})
