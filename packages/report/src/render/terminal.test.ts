import { describe, expect, it } from 'vitest'
import { ansiToHtml, applySgr } from './ansi.ts'
import { terminalHtml } from './terminal.ts'

describe('ansiToHtml', () => {
  it('turns SGR colours into spans and resets them', () => {
    expect(ansiToHtml('\x1b[1;32mok\x1b[0m done')).toBe(
      '<span style="color:#4e9a06;font-weight:bold">ok</span> done',
    )
  })
  it('supports 256-colour and truecolour foregrounds', () => {
    expect(applySgr({}, [38, 5, 196]).fg).toBe('#ff0000')
    expect(applySgr({}, [38, 2, 1, 2, 3]).fg).toBe('#010203')
  })
  it('drops non-SGR escapes but keeps every character of text, escaped', () => {
    expect(ansiToHtml('\x1b[2K<none>\x1b]0;title\x07 & "q"')).toBe('&lt;none&gt; &amp; &quot;q&quot;')
  })
})

describe('terminalHtml', () => {
  const entry = {
    argv: ['kubectl', '--context', 'lab4', 'get', 'nodes', '-L', 'zone'],
    stdout: 'NAME   ZONE\nlab4   east\n',
    stderr: '',
    exitCode: 0,
  }
  it('shows the prompt line, the output verbatim and the window chrome', () => {
    const html = terminalHtml(entry, { title: 'lab4 — zone labels on the nodes' })
    expect(html).toContain(
      '<span class="prompt">$ </span><span class="cmd">kubectl --context lab4 get nodes -L zone</span>\nNAME   ZONE\nlab4   east</pre>',
    )
    expect(html.match(/class="dot /g)).toHaveLength(3)
    expect(html).toContain('lab4 — zone labels on the nodes')
  })
  it('wraps long lines instead of cutting them', () => {
    expect(terminalHtml(entry)).toMatch(/\.term pre \{[^}]*white-space: pre-wrap/)
  })
  it('notes a non-zero exit and a port-forward the tool stopped', () => {
    expect(terminalHtml({ ...entry, exitCode: 1 })).toContain('[exit 1]')
    expect(terminalHtml({ ...entry, exitCode: null, long: true, signal: 'SIGTERM' })).toContain(
      '[stopped by the tool: SIGTERM]',
    )
  })
  it('keeps Cyrillic, box-drawing and emoji text as is', () => {
    const html = terminalHtml({ ...entry, stdout: '🏄  Готово ▪ +----+' })
    expect(html).toContain('🏄  Готово ▪ +----+')
  })
  it("draws emoji as minikube's plain prefixes when there is no emoji font", () => {
    const html = terminalHtml(
      { ...entry, stdout: '🏄  Done\n    ▪ Booting\n❗  low memory' },
      { emoji: false },
    )
    expect(html).toContain('*  Done\n    - Booting\n!  low memory')
    expect(html).not.toMatch(/\p{Extended_Pictographic}/u)
  })
  it('reserves a band with the SIMULATED text only for a simulated run', () => {
    expect(terminalHtml(entry, { simulated: 'SIMULATED — x' })).toContain(
      '<div class="sim-band">SIMULATED — x</div>',
    )
    expect(terminalHtml(entry)).not.toContain('sim-band">')
  })
})
