// A cobra-like flag parser: known flags only; anything else is an error, never ignored.
import { fail } from './io.ts'

export type FlagSpec = Record<string, { short?: string; value: boolean }>

export type Parsed = { positionals: string[]; flags: Map<string, string[]>; rest: string[] | undefined }

export function parseFlags(
  args: readonly string[],
  spec: FlagSpec,
  command: string,
  tool = 'kubectl',
): Parsed {
  const flags = new Map<string, string[]>()
  const positionals: string[] = []
  const byShort = new Map(
    Object.entries(spec).flatMap(([name, f]) => (f.short ? [[f.short, name] as const] : [])),
  )
  const put = (name: string, v: string) => flags.set(name, [...(flags.get(name) ?? []), v])
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '--') return { positionals, flags, rest: args.slice(i + 1) }
    if (a.startsWith('--')) {
      const [name = '', inline] = a.slice(2).split(/=(.*)/s, 2)
      const f = spec[name]
      if (!f) fail(`error: unknown flag: --${name}\nSee '${tool} ${command} --help' for usage.`)
      if (!f?.value) put(name, inline ?? 'true')
      else if (inline !== undefined) put(name, inline)
      else if (i + 1 < args.length) put(name, args[++i] ?? '')
      else fail(`error: flag needs an argument: --${name}`)
    } else if (a.startsWith('-') && a.length > 1) {
      // Bundled shorthands: -it, -owide, -nkube-system.
      for (let j = 1; j < a.length; j++) {
        const ch = a[j] ?? ''
        const name = byShort.get(ch)
        if (!name)
          fail(`error: unknown shorthand flag: '${ch}' in ${a}\nSee '${tool} ${command} --help' for usage.`)
        const f = spec[name ?? '']
        if (!f?.value) {
          put(name ?? '', 'true')
          continue
        }
        const inline = a.slice(j + 1).replace(/^=/, '')
        if (inline) put(name ?? '', inline)
        else if (i + 1 < args.length) put(name ?? '', args[++i] ?? '')
        else fail(`error: flag needs an argument: '${ch}' in ${a}`)
        break
      }
    } else positionals.push(a)
  }
  return { positionals, flags, rest: undefined }
}

export const flag = (p: Parsed, name: string): string | undefined => p.flags.get(name)?.at(-1)
export const flagAll = (p: Parsed, name: string): string[] => p.flags.get(name) ?? []
export const bool = (p: Parsed, name: string): boolean => {
  const v = flag(p, name)
  return v !== undefined && v !== 'false'
}
