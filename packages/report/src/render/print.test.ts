import { describe, expect, it } from 'vitest'
import { STRINGS } from './i18n/strings.ts'
import { badge, nowrapIdentifiers, printable, terminalBlock } from './print.ts'

describe('nowrapIdentifiers', () => {
  it('keeps addresses, CIDRs, names and check ids on one line, outside tags and preformatted text', () => {
    const html =
      '<td>frontend-fhpdkrn68k-fg9sz на lab4-m02, 10.244.2.193 в 10.244.2.0/24</td><td><code>app.neighbour-ping</code></td><pre>10.0.0.1</pre><a href="http://x.y/z">z</a>'
    expect(nowrapIdentifiers(html)).toBe(
      '<td><span class="nw">frontend-fhpdkrn68k-fg9sz</span> на <span class="nw">lab4-m02</span>, <span class="nw">10.244.2.193</span> в <span class="nw">10.244.2.0/24</span></td><td><code><span class="nw">app.neighbour-ping</span></code></td><pre>10.0.0.1</pre><a href="http://x.y/z">z</a>',
    )
  })
  it('leaves plain words alone', () => {
    expect(nowrapIdentifiers('<p>Пункт задания 8, pod-ы и Service.</p>')).toBe(
      '<p>Пункт задания 8, pod-ы и Service.</p>',
    )
  })
})

describe('terminalBlock', () => {
  const c = {
    argv: ['minikube', 'start', '-p', 'lab4'],
    output: '😄  [lab4] minikube v1.34.0\n    ▪ Booting up control plane ...',
    exitCode: 0,
    long: false,
    signal: undefined,
  }
  it("prints minikube's emoji as its plain prefixes and names no internal key", () => {
    const { html } = terminalBlock(c, STRINGS.ru, 'запуск кластера minikube')
    expect(html).toContain('*  [lab4] minikube v1.34.0\n    - Booting up control plane ...')
    expect(html).not.toMatch(/\p{Extended_Pictographic}/u)
    expect(html).toContain('<span class="ttitle">запуск кластера minikube</span>')
    expect(html).toMatch(/<pre style="font-size:8\.5pt">/)
  })
  it('notes an exit code in the language of the report and marks folded lines', () => {
    const wide = { ...c, output: Array.from({ length: 3 }, () => 'word '.repeat(40)).join('\n'), exitCode: 1 }
    const { html, fit } = terminalBlock(wide, STRINGS.ru, 't')
    expect(fit.lines.some((l) => l.continued)).toBe(true)
    expect(html).toContain('<span class="cont">↳ </span>')
    expect(html).toContain('[код выхода 1]')
    expect(html).toContain(STRINGS.ru.continued)
  })
  it('draws verdicts as text badges and strips escapes from printed text', () => {
    expect(badge('FAIL')).toBe('<span class="badge fail">FAIL</span>')
    expect(printable('\x1b[32mok\x1b[0m\r\n')).toBe('ok\n')
  })
})
