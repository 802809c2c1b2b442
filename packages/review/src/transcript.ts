// Each output matched to the command that produced it: the prompt line above it, or else the command named in
// the text just before the block. A `kubectl exec -it POD -- sh` carries over: later `/frontend #` lines run in POD.
import type { Line } from './types.ts'
import { type Cmd, parseCmd } from './command.ts'
import type { Block, MarkdownDoc } from './markdown/extract.ts'
import { commandLine } from './markdown/prompt.ts'

export type Transcript = {
  readonly cmd: Cmd | undefined
  /** Line of the command (the prompt line, or the text that named it). */
  readonly cmdLine: number | undefined
  /** How the command was found: typed in the block, named in the text before it, or not at all. */
  readonly matchedBy: 'prompt' | 'text-before' | 'none'
  /** Output lines; `...` elision lines are kept here and skipped by the readers. */
  readonly out: readonly Line[]
  readonly block: Block
  /** The pod the command ran in, when known (`kubectl exec POD -- ping …`, or a shell opened into POD). */
  readonly pod: string | undefined
  /** The command ran at a shell prompt inside a container. */
  readonly inPod: boolean
}

const YAML_LANG = /^(ya?ml)$/i

/** A block of YAML (manifest) rather than terminal text. */
export const isYamlBlock = (b: Block): boolean => {
  if (YAML_LANG.test(b.lang)) return true
  const first = b.lines.find((l) => l.text.trim() !== '' && !l.text.trim().startsWith('#'))
  return first !== undefined && /^(apiVersion|kind):\s*\S/.test(first.text.trim()) && !commandLine(first.text)
}

export function transcripts(doc: MarkdownDoc): Transcript[] {
  const out: Transcript[] = []
  let shellPod: string | undefined
  let before: { cmd: Cmd; n: number } | undefined
  for (const part of doc.parts) {
    if (part.type === 'heading') before = undefined
    if (part.type === 'mention') {
      const c = commandLine(part.mention.code)
      if (c) before = { cmd: parseCmd(c.command), n: part.n }
    }
    if (part.type !== 'block' || isYamlBlock(part.block)) continue
    const block = part.block
    let cur:
      | {
          cmd: Cmd | undefined
          n: number | undefined
          by: Transcript['matchedBy']
          out: Line[]
          pod: string | undefined
          inPod: boolean
        }
      | undefined
    const flush = () => {
      if (cur && (cur.cmd || cur.out.some((l) => l.text.trim() !== '')))
        out.push({
          cmd: cur.cmd,
          cmdLine: cur.n,
          matchedBy: cur.by,
          out: cur.out,
          block,
          pod: cur.pod,
          inPod: cur.inPod,
        })
    }
    for (const line of block.lines) {
      const c = commandLine(line.text)
      if (c) {
        flush()
        const cmd = parseCmd(c.command)
        const pod = c.inPod ? shellPod : cmd.pod
        if (c.inPod && cmd.text === 'exit') shellPod = undefined
        if (!c.inPod && cmd.tool === 'kubectl' && cmd.pod && cmd.inner?.tool === 'shell') shellPod = cmd.pod
        cur = { cmd, n: line.n, by: 'prompt', out: [], pod, inPod: c.inPod }
        continue
      }
      if (!cur) {
        // Output before any command in the block: it belongs to the command named just before the block.
        cur = before
          ? { cmd: before.cmd, n: before.n, by: 'text-before', out: [], pod: before.cmd.pod, inPod: false }
          : { cmd: undefined, n: undefined, by: 'none', out: [], pod: undefined, inPod: false }
      }
      cur.out.push(line)
    }
    flush()
    before = undefined
  }
  return out
}

/** The command that actually ran: for `kubectl exec POD -- ping x` that is `ping x`. */
export const effective = (t: Transcript): Cmd | undefined =>
  t.cmd?.inner && t.cmd.tool === 'kubectl' ? t.cmd.inner : t.cmd

/** Output lines with `...`/`…` elisions removed. */
export const outputText = (t: Transcript): string =>
  t.out
    .filter((l) => !isElision(l.text))
    .map((l) => l.text)
    .join('\n')

export const isElision = (t: string): boolean => /^\s*(\.\.\.|…)\s*$/.test(t)
