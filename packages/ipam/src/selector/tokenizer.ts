// Calico selector tokens. Words are not classified here: `in`, `has`, `all`… are keywords only where the parser expects them.

export type TokenKind =
  'word' | 'string' | '==' | '!=' | '!' | '&&' | '||' | '(' | ')' | '{' | '}' | ',' | 'eof'

export type Token = {
  readonly kind: TokenKind
  /** The word, or the string literal without its quotes. */
  readonly text: string
  /** 0-based offset in the selector; messages print it 1-based as the column. */
  readonly pos: number
}

export class SelectorError extends Error {
  readonly selector: string
  /** 1-based column of the offending character. */
  readonly column: number
  readonly reason: string
  constructor(selector: string, pos: number, reason: string) {
    super(`selector '${selector}': ${reason} at column ${pos + 1}`)
    this.name = 'SelectorError'
    this.selector = selector
    this.column = pos + 1
    this.reason = reason
  }
}

/** Label keys in Calico selectors: `[a-zA-Z0-9_./-]+`, at most 512 characters. */
export const WORD = /[a-zA-Z0-9_./-]/
export const MAX_LABEL_LENGTH = 512

const PAIRS: Record<string, TokenKind> = { '==': '==', '!=': '!=', '&&': '&&', '||': '||' }
const SINGLES: Record<string, TokenKind> = { '!': '!', '(': '(', ')': ')', '{': '{', '}': '}', ',': ',' }

export function tokenize(selector: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < selector.length) {
    const ch = selector[i] ?? ''
    if (/\s/.test(ch)) {
      i += 1
      continue
    }
    const pair = PAIRS[selector.slice(i, i + 2)]
    if (pair) {
      tokens.push({ kind: pair, text: selector.slice(i, i + 2), pos: i })
      i += 2
      continue
    }
    const single = SINGLES[ch]
    if (single) {
      tokens.push({ kind: single, text: ch, pos: i })
      i += 1
      continue
    }
    if (ch === '"' || ch === "'") {
      const end = selector.indexOf(ch, i + 1)
      if (end < 0) throw new SelectorError(selector, i, `unterminated string (no closing ${ch})`)
      tokens.push({ kind: 'string', text: selector.slice(i + 1, end), pos: i })
      i = end + 1
      continue
    }
    if (WORD.test(ch)) {
      let j = i
      while (j < selector.length && WORD.test(selector[j] ?? '')) j += 1
      if (j - i > MAX_LABEL_LENGTH)
        throw new SelectorError(selector, i, `label longer than ${MAX_LABEL_LENGTH} characters`)
      tokens.push({ kind: 'word', text: selector.slice(i, j), pos: i })
      i = j
      continue
    }
    const hint =
      ch === '=' ? "; compare with '=='" : ch === '&' ? "; use '&&'" : ch === '|' ? "; use '||'" : ''
    throw new SelectorError(selector, i, `unexpected character '${ch}'${hint}`)
  }
  tokens.push({ kind: 'eof', text: '', pos: selector.length })
  return tokens
}
