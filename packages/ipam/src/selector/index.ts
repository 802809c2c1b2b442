import { parseSelector, type ParseOptions } from './parser.ts'
import { evaluate, type Labels } from './evaluate.ts'

export { type Selector, type ParseOptions, parseSelector, parsePoolSelector } from './parser.ts'
export { SelectorError, tokenize, type Token } from './tokenizer.ts'
export { evaluate, formatSelector, type Labels } from './evaluate.ts'

/** Parse and evaluate in one call (throws SelectorError on a malformed selector). */
export const selects = (selector: string, labels: Labels, opts?: ParseOptions): boolean =>
  evaluate(parseSelector(selector, opts), labels)
