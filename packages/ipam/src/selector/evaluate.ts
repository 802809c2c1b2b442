// Selector semantics as Calico applies them to node labels, and a canonical text form for comparing selectors.
import type { Selector } from './parser.ts'

export type Labels = Readonly<Record<string, string>>

export function evaluate(s: Selector, labels: Labels): boolean {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k)
  switch (s.kind) {
    case 'all':
    case 'global':
      return true
    case 'has':
      return has(s.label)
    case 'eq':
      return has(s.label) && labels[s.label] === s.value
    // != and not in also match when the label is absent, as in Calico.
    case 'ne':
      return !has(s.label) || labels[s.label] !== s.value
    case 'in':
      return has(s.label) && s.values.includes(labels[s.label] ?? '')
    case 'notIn':
      return !has(s.label) || !s.values.includes(labels[s.label] ?? '')
    case 'contains':
      return has(s.label) && (labels[s.label] ?? '').includes(s.value)
    case 'starts':
      return has(s.label) && (labels[s.label] ?? '').startsWith(s.value)
    case 'ends':
      return has(s.label) && (labels[s.label] ?? '').endsWith(s.value)
    case 'not':
      return !evaluate(s.expr, labels)
    case 'and':
      return evaluate(s.left, labels) && evaluate(s.right, labels)
    case 'or':
      return evaluate(s.left, labels) || evaluate(s.right, labels)
  }
}

const quote = (v: string): string => (v.includes('"') ? `'${v}'` : `"${v}"`)

/** One spelling per meaning: `zone=='east'` and `zone == "east"` both print as `zone == "east"`. */
export function formatSelector(s: Selector): string {
  switch (s.kind) {
    case 'all':
      return 'all()'
    case 'global':
      return 'global()'
    case 'has':
      return `has(${s.label})`
    case 'eq':
      return `${s.label} == ${quote(s.value)}`
    case 'ne':
      return `${s.label} != ${quote(s.value)}`
    case 'contains':
      return `${s.label} contains ${quote(s.value)}`
    case 'starts':
      return `${s.label} starts with ${quote(s.value)}`
    case 'ends':
      return `${s.label} ends with ${quote(s.value)}`
    case 'in':
      return `${s.label} in {${s.values.map(quote).join(', ')}}`
    case 'notIn':
      return `${s.label} not in {${s.values.map(quote).join(', ')}}`
    case 'not':
      return `!${group(s.expr, ['and', 'or'])}`
    case 'and':
      return `${group(s.left, ['or'])} && ${group(s.right, ['or'])}`
    case 'or':
      return `${formatSelector(s.left)} || ${formatSelector(s.right)}`
  }
}

const group = (s: Selector, weaker: readonly Selector['kind'][]): string =>
  weaker.includes(s.kind) ? `(${formatSelector(s)})` : formatSelector(s)
