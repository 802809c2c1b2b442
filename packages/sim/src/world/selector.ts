// Calico selector evaluation over node labels (the subset IPPool nodeSelectors use).
type Labels = Record<string, string>
type Expr = (l: Labels) => boolean

export function matchesSelector(selector: string, labels: Labels): boolean {
  return parseSelector(selector)(labels)
}

/** Throws `Error` with a calicoctl-like message on bad syntax. */
export function parseSelector(selector: string): Expr {
  const tokens = tokenize(selector)
  if (tokens.length === 0) return () => true
  let i = 0
  const peek = () => tokens[i]
  const next = () => tokens[i++]
  const expect = (t: string) => {
    if (next() !== t) throw new Error(`failed to parse selector ${JSON.stringify(selector)}: expected ${t}`)
  }
  const str = (): string => {
    const t = next()
    if (!t || !/^["']/.test(t))
      throw new Error(`failed to parse selector ${JSON.stringify(selector)}: expected string`)
    return t.slice(1, -1)
  }
  const set = (): string[] => {
    expect('{')
    const out: string[] = []
    while (peek() !== '}') {
      out.push(str())
      if (peek() === ',') next()
    }
    expect('}')
    return out
  }
  const primary = (): Expr => {
    const t = next()
    if (t === '!') {
      const e = primary()
      return (l) => !e(l)
    }
    if (t === '(') {
      const e = or()
      expect(')')
      return e
    }
    if (t === 'all') {
      expect('(')
      expect(')')
      return () => true
    }
    if (t === 'has') {
      expect('(')
      const k = next() ?? ''
      expect(')')
      return (l) => k in l
    }
    if (!t || !/^[a-zA-Z0-9_./-]+$/.test(t))
      throw new Error(`failed to parse selector ${JSON.stringify(selector)}: unexpected ${t ?? 'end'}`)
    const op = next()
    if (op === '==') {
      const v = str()
      return (l) => l[t] === v
    }
    if (op === '!=') {
      const v = str()
      return (l) => l[t] !== v
    }
    if (op === 'in') {
      const v = set()
      return (l) => l[t] !== undefined && v.includes(l[t])
    }
    if (op === 'not') {
      expect('in')
      const v = set()
      return (l) => l[t] === undefined || !v.includes(l[t])
    }
    if (op === 'contains') {
      const v = str()
      return (l) => (l[t] ?? '').includes(v) && t in l
    }
    throw new Error(`failed to parse selector ${JSON.stringify(selector)}: unexpected ${op ?? 'end'}`)
  }
  const and = (): Expr => {
    let e = primary()
    while (peek() === '&&') {
      next()
      const a = e,
        b = primary()
      e = (l) => a(l) && b(l)
    }
    return e
  }
  const or = (): Expr => {
    let e = and()
    while (peek() === '||') {
      next()
      const a = e,
        b = and()
      e = (l) => a(l) || b(l)
    }
    return e
  }
  const e = or()
  if (i < tokens.length)
    throw new Error(`failed to parse selector ${JSON.stringify(selector)}: unexpected ${tokens[i]}`)
  return e
}

function tokenize(input: string): string[] {
  const s = input.trim()
  const re = /\s*("[^"]*"|'[^']*'|==|!=|&&|\|\||[(){},!]|[a-zA-Z0-9_./-]+)/y
  const out: string[] = []
  let m: RegExpExecArray | null
  while (re.lastIndex < s.length && (m = re.exec(s))) out.push(m[1] ?? '')
  if (s.slice(re.lastIndex).trim())
    throw new Error(`failed to parse selector ${JSON.stringify(s)}: unexpected character`)
  return out
}
