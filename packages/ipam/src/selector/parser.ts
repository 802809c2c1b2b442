// Recursive descent over Calico's selector grammar; precedence low→high: ||, &&, !, ( ), match.
import { type Token, type TokenKind, SelectorError, tokenize } from './tokenizer.ts'

export type Selector =
  | { readonly kind: 'all' }
  | { readonly kind: 'global' }
  | { readonly kind: 'has'; readonly label: string }
  | {
      readonly kind: 'eq' | 'ne' | 'contains' | 'starts' | 'ends'
      readonly label: string
      readonly value: string
    }
  | { readonly kind: 'in' | 'notIn'; readonly label: string; readonly values: readonly string[] }
  | { readonly kind: 'not'; readonly expr: Selector }
  | { readonly kind: 'and' | 'or'; readonly left: Selector; readonly right: Selector }

export type ParseOptions = {
  /** `global()` is meaningless for nodes; Calico rejects it in IPPool selectors. @default true */
  readonly allowGlobal?: boolean
}

/** Parse a selector; an empty one means `all()`. Throws SelectorError naming the column. */
export function parseSelector(selector: string, opts: ParseOptions = {}): Selector {
  const p = new Parser(selector, tokenize(selector), opts.allowGlobal ?? true)
  if (p.peek().kind === 'eof') return { kind: 'all' }
  const expr = p.or()
  const rest = p.peek()
  if (rest.kind !== 'eof') p.fail(rest, `unexpected ${describe(rest)}; join expressions with && or ||`)
  return expr
}

/** IPPool `nodeSelector` rules: as parseSelector, but `global()` is an error. */
export const parsePoolSelector = (selector: string): Selector =>
  parseSelector(selector, { allowGlobal: false })

class Parser {
  private i = 0
  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
    private readonly allowGlobal: boolean,
  ) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token
  }

  fail(at: Token, reason: string): never {
    throw new SelectorError(this.source, at.pos, reason)
  }

  or(): Selector {
    let left = this.and()
    while (this.peek().kind === '||') {
      this.i += 1
      left = { kind: 'or', left, right: this.and() }
    }
    return left
  }

  private and(): Selector {
    let left = this.unary()
    while (this.peek().kind === '&&') {
      this.i += 1
      left = { kind: 'and', left, right: this.unary() }
    }
    return left
  }

  private unary(): Selector {
    if (this.peek().kind !== '!') return this.primary()
    this.i += 1
    return { kind: 'not', expr: this.unary() }
  }

  private primary(): Selector {
    const t = this.peek()
    if (t.kind === '(') {
      this.i += 1
      const expr = this.or()
      this.expect(')', 'expected )')
      return expr
    }
    if (t.kind !== 'word') this.fail(t, `expected a label, all(), has(…) or ( but found ${describe(t)}`)
    if (this.peek(1).kind === '(' && ['all', 'global', 'has'].includes(t.text)) return this.call(t)
    this.i += 1
    return this.match(t.text)
  }

  private call(name: Token): Selector {
    this.i += 2
    if (name.text === 'has') {
      const label = this.expect('word', 'expected a label inside has( )')
      this.expect(')', 'expected ) after the label in has( )')
      return { kind: 'has', label: label.text }
    }
    this.expect(')', `expected ) after ${name.text}(`)
    if (name.text === 'global' && !this.allowGlobal)
      this.fail(name, 'global() is not allowed in an IPPool nodeSelector')
    return name.text === 'all' ? { kind: 'all' } : { kind: 'global' }
  }

  private match(label: string): Selector {
    const op = this.peek()
    if (op.kind === '==' || op.kind === '!=') {
      this.i += 1
      return { kind: op.kind === '==' ? 'eq' : 'ne', label, value: this.string() }
    }
    if (op.kind !== 'word')
      this.fail(
        op,
        `expected an operator (==, !=, in, not in, contains, starts with, ends with) after '${label}'`,
      )
    this.i += 1
    switch (op.text) {
      case 'in':
        return { kind: 'in', label, values: this.set() }
      case 'notin':
        return { kind: 'notIn', label, values: this.set() }
      case 'not':
        this.expectWord('in', "expected 'in' after 'not'")
        return { kind: 'notIn', label, values: this.set() }
      case 'contains':
        return { kind: 'contains', label, value: this.string() }
      case 'starts':
        this.expectWord('with', "expected 'with' after 'starts'")
        return { kind: 'starts', label, value: this.string() }
      case 'ends':
        this.expectWord('with', "expected 'with' after 'ends'")
        return { kind: 'ends', label, value: this.string() }
      default:
        return this.fail(op, `unknown operator '${op.text}' after '${label}'`)
    }
  }

  private string(): string {
    return this.expect('string', 'expected a quoted string').text
  }

  private set(): string[] {
    this.expect('{', "expected '{' to start a set")
    const values: string[] = []
    if (this.peek().kind === '}') {
      this.i += 1
      return values
    }
    for (;;) {
      values.push(this.string())
      const t = this.peek()
      this.i += 1
      if (t.kind === '}') return values
      if (t.kind !== ',') this.fail(t, "expected ',' or '}' in the set")
    }
  }

  private expect(kind: TokenKind, reason: string): Token {
    const t = this.peek()
    if (t.kind !== kind) this.fail(t, reason)
    this.i += 1
    return t
  }

  private expectWord(word: string, reason: string): void {
    const t = this.peek()
    if (t.kind !== 'word' || t.text !== word) this.fail(t, reason)
    this.i += 1
  }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end'
  if (t.kind === 'string') return `"${t.text}"`
  return `'${t.text}'`
}
