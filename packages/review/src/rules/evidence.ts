// What each item rests on: command output pasted as text, only screenshots, only commands, or nothing.
// A screenshot is attributed to the commands or heading just before it; it is never a pass, only "not checkable".
import type { Finding, Item } from '../types.ts'
import { ITEMS } from '../types.ts'
import type { Ctx } from '../facts/context.ts'
import type { Image, Part } from '../markdown/extract.ts'
import { commandLine, CHANGE_OUTPUT } from '../markdown/prompt.ts'
import { parseCmd } from '../command.ts'
import { tablesOf } from '../facts/tables.ts'
import { isElision, type Transcript } from '../transcript.ts'
import { itemsOfCommand, itemsOfHeading, itemsOfTable } from '../items.ts'
import { finding } from './finding.ts'

export type ItemEvidence = {
  /** Lines of command output that show the item. */
  readonly text: number[]
  readonly screenshots: Image[]
  /** Lines of commands shown without output. */
  readonly commands: number[]
}

function itemsOfOutput(lines: readonly string[]): Item[] {
  const items = new Set<Item>()
  for (const raw of lines) {
    const l = raw.trim()
    if (/PING \S+ \(|ping: bad address|bytes from .*seq=|in-addr\.arpa\s+name =|^Name:\s+\S+/.test(l))
      items.add(10)
    if (/^Forwarding from|^Handling connection for|^\|\s*NAMESPACE\s*\|/.test(l)) items.add(8)
    if (
      /Configuring Calico|Done! kubectl is now configured|Starting (worker|control plane) node|"[^"]+" (worker|primary control-plane) node/.test(
        l,
      )
    )
      items.add(1)
    if (/^Client Version:/.test(l)) items.add(3)
    if (/^type: (Control Plane|Worker)$/.test(l)) items.add(2)
    if (/Successfully (created|deleted|applied) \d+ 'IPPool'/.test(l)) items.add(5)
    if (CHANGE_OUTPUT.test(l)) {
      if (l.startsWith('node/')) items.add(4)
      else if (/^(deployment|replicaset)\.apps\/|^configmap\//.test(l)) items.add(6)
      else if (l.startsWith('service/')) items.add(7)
      else if (l.startsWith('ippool')) items.add(5)
      else if (/^(pod|serviceaccount|clusterrole[\w.]*)\/calicoctl/.test(l)) items.add(3)
    }
  }
  return [...items]
}

const itemsOfTranscript = (t: Transcript): Item[] => {
  const lines = t.out.map((l) => l.text).filter((x) => x.trim() !== '' && !isElision(x))
  if (lines.length === 0) return []
  return [
    ...new Set([
      ...(t.cmd ? itemsOfCommand(t.cmd) : []),
      ...tablesOf(t).flatMap(itemsOfTable),
      ...itemsOfOutput(lines),
    ]),
  ]
}

/** The items the parts just before an image talk about: commands, outputs, then the section heading. */
function itemsBefore(parts: readonly Part[], at: number, ctx: Ctx): Item[] {
  for (let i = at - 1; i >= 0; i -= 1) {
    const p = parts[i] as Part
    if (p.type === 'image') return []
    if (p.type === 'heading') return itemsOfHeading(p.heading.text)
    if (p.type === 'mention') {
      // Every command named on that line: `kubectl get deployments`, `kubectl get services`.
      const items = parts
        .filter((q) => q.type === 'mention' && q.n === p.n)
        .flatMap((q) => {
          const c = q.type === 'mention' ? commandLine(q.mention.code) : undefined
          return c ? itemsOfCommand(parseCmd(c.command)) : []
        })
      if (items.length) return [...new Set(items)]
    }
    if (p.type === 'block') {
      const items = ctx.transcripts
        .filter((t) => t.block === p.block)
        .flatMap((t) => [...(t.cmd ? itemsOfCommand(t.cmd) : []), ...itemsOfTranscript(t)])
      if (items.length) return [...new Set(items)]
    }
  }
  return []
}

export function itemEvidence(ctx: Ctx, q9Line: number | undefined): Map<Item, ItemEvidence> {
  const ev = new Map<Item, ItemEvidence>(ITEMS.map((i) => [i, { text: [], screenshots: [], commands: [] }]))
  const add = (items: readonly Item[], f: (e: ItemEvidence) => void) =>
    items.forEach((i) => f(ev.get(i) as ItemEvidence))
  for (const t of ctx.transcripts) {
    const items = itemsOfTranscript(t)
    if (items.length) add(items, (e) => e.text.push(t.out[0]?.n ?? t.block.start))
    else if (t.cmd && t.out.every((l) => l.text.trim() === ''))
      add(itemsOfCommand(t.cmd), (e) => e.commands.push(t.cmdLine ?? t.block.start))
  }
  for (const m of ctx.doc.mentions) {
    const c = commandLine(m.code)
    if (c) add(itemsOfCommand(parseCmd(c.command)), (e) => e.commands.push(m.n))
  }
  ctx.doc.parts.forEach((p, i) => {
    if (p.type === 'image') add(itemsBefore(ctx.doc.parts, i, ctx), (e) => e.screenshots.push(p.image))
  })
  if (q9Line !== undefined) (ev.get(9) as ItemEvidence).text.push(q9Line)
  return ev
}

/** Notes for items that cannot be checked from text, and the item 10 error when no ping is shown at all. */
export function evidenceFindings(
  ctx: Ctx,
  ev: Map<Item, ItemEvidence>,
  found: readonly Finding[],
): Finding[] {
  const out: Finding[] = []
  for (const item of ITEMS) {
    const e = ev.get(item) as ItemEvidence
    if (e.text.length > 0 || item === 9) continue
    const shot = e.screenshots[0]
    if (shot) {
      out.push(
        finding(ctx, {
          kind: 'evidence.screenshots-only',
          severity: 'note',
          item,
          line: shot.n,
          excerpt: shot.text,
          message: `item ${item} is shown only as screenshot${e.screenshots.length === 1 ? '' : 's'} (${e.screenshots.map((s) => s.alt || s.src.split('/').pop()).join(', ')}): not checkable from text, a grader must read ${e.screenshots.length === 1 ? 'it' : 'them'}`,
          hint: 'paste the command and its output as text (```console) beside the screenshot',
        }),
      )
      continue
    }
    if (item === 10) {
      if (!found.some((f) => f.kind === 'ping.no-output'))
        out.push(
          finding(ctx, {
            kind: 'ping.no-output',
            severity: 'error',
            item: 10,
            line: null,
            excerpt: '(no ping output anywhere in the write-up)',
            message: 'no ping output anywhere: item 10 asks for the ping results',
            hint: 'kubectl exec <pod> -- ping -c 4 <neighbour FQDN>, and paste the output',
          }),
        )
      continue
    }
    const cmd = e.commands[0]
    out.push(
      cmd !== undefined
        ? finding(ctx, {
            kind: 'evidence.command-only',
            severity: 'note',
            item,
            line: cmd,
            message: `item ${item} shows the command${e.commands.length === 1 ? '' : 's'} but not what ${e.commands.length === 1 ? 'it' : 'they'} printed: not checkable`,
            hint: 'paste each command together with its output',
          })
        : finding(ctx, {
            kind: 'evidence.missing',
            severity: 'note',
            item,
            line: null,
            excerpt: `(nothing shows item ${item})`,
            message: `nothing in the write-up shows item ${item}`,
            hint: 'show the command and its output for this step of the task',
          }),
    )
  }
  return out
}

const NAME_IP =
  /container[\s_-]*(name|ip)|имя контейнера|ip[- ]?адрес\w* контейнер|названи\w* контейнер|container_(name|ip)/i
const CHANGE = /меня|измен|change|same|одинаков|остаю|differ|постоян|не будут/i

const Q9_HEADING = /(вопрос|question|пункт|item|задани\w*)\s*(№\s*)?9\b/i
// An italic-only line is a note about provenance ("no changes were made"), never an answer.
const NOTE_LINE = /^\s*_[^_].*_\s*$/

const partText = (p: Part): string =>
  p.type === 'prose' ? p.line.text : p.type === 'heading' ? p.heading.text : ''

/** The line answering question 9, if any: it names the container name/IP and says whether they change. */
export function q9AnswerLine(ctx: Ctx): number | undefined {
  const prose = ctx.doc.parts.filter(
    (p) => p.type === 'heading' || (p.type === 'prose' && !NOTE_LINE.test(p.line.text)),
  )
  // Under a heading that names question 9, the first line that says whether they change is the answer.
  const q9 = prose.findIndex((p) => p.type === 'heading' && Q9_HEADING.test(p.heading.text))
  if (q9 >= 0) {
    const next = prose.findIndex((p, i) => i > q9 && p.type === 'heading')
    const section = prose.slice(q9 + 1, next < 0 ? undefined : next)
    const hit = section.find((p) => CHANGE.test(partText(p)) && !/\?[\s*_]*$/.test(partText(p)))
    if (hit) return hit.n
  }
  for (let i = 0; i < prose.length; i += 1) {
    const p = prose[i] as Part
    if (!NAME_IP.test(partText(p))) continue
    const window = prose.slice(i, i + 4).map(partText)
    // A line that only asks (ends with "?") or a table row is not an answer; the answer comes under the question.
    const answer = window.findIndex(
      (t) => CHANGE.test(t) && !/\?[\s*_]*$/.test(t) && !t.trim().startsWith('|'),
    )
    if (answer >= 0) return (prose[i + answer] as Part).n
  }
  return undefined
}

export function q9Findings(ctx: Ctx, line: number | undefined): Finding[] {
  if (line !== undefined) return []
  return [
    finding(ctx, {
      kind: 'q9.no-answer',
      severity: 'note',
      item: 9,
      line: null,
      excerpt: '(no answer to question 9 found)',
      message: 'no answer found to question 9 (do Container name and Container IP change, and why)',
      hint: 'answer it: through one `kubectl port-forward service/…` both stay the same (it pins one pod); they change when the pod is recreated or another pod serves the page',
    }),
  ]
}

/** Leftovers of lab 1 (Vault on port 8200) in a lab 4 write-up. */
export function leftoverFindings(ctx: Ctx): Finding[] {
  return ctx.doc.lines
    .filter((l) => /\b(localhost|127\.0\.0\.1):8200\b|\b8200:\d{2,5}\b/.test(l.text))
    .slice(0, 3)
    .map((l) =>
      finding(ctx, {
        kind: 'evidence.lab1-leftover',
        severity: 'note',
        item: 8,
        line: l.n,
        message: "port 8200 is lab 1's Vault port: a leftover from an earlier report?",
        hint: 'the frontend listens on 3000; forward and open the port you actually used',
      }),
    )
}
