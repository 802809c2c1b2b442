import { describe, expect, it } from 'vitest'
import {
  SelectorError,
  evaluate,
  formatSelector,
  parsePoolSelector,
  parseSelector,
  selects,
} from './index.ts'

const east = { zone: 'east', 'kubernetes.io/hostname': 'lab4' }
const west = { zone: 'west', 'kubernetes.io/hostname': 'lab4-m02' }
const bare = { 'kubernetes.io/hostname': 'lab4-m03' }

describe('evaluate: the operators in the Calico selector reference', () => {
  it.each([
    // selector, east, west, unlabelled
    ['zone == "east"', true, false, false],
    ["zone == 'east'", true, false, false],
    ['zone != "east"', false, true, true],
    ['has(zone)', true, true, false],
    ['!has(zone)', false, false, true],
    ["zone in { 'east', 'north' }", true, false, false],
    ["zone not in { 'east', 'north' }", false, true, true],
    ["zone notin {'east'}", false, true, true],
    ['zone in {}', false, false, false],
    ['zone contains "as"', true, false, false],
    ['zone starts with "we"', false, true, false],
    ['zone ends with "st"', true, true, false],
    ['zone   starts   with   "e"', true, false, false],
    ['all()', true, true, true],
    ['all( )', true, true, true],
    ['!all()', false, false, false],
    ['', true, true, true],
    ['   ', true, true, true],
    ['global()', true, true, true],
    ['zone == "east" || zone == "west"', true, true, false],
    ['has(zone) && zone != "west"', true, false, false],
    ['!(zone == "east" || zone == "west")', false, false, true],
    ['!!has(zone)', true, true, false],
    ['! ! ! has(zone)', false, false, true],
    ['kubernetes.io/hostname == "lab4-m02"', false, true, false],
    ['has(kubernetes.io/hostname) && (zone == "east" || !has(zone))', true, false, true],
  ])('%j', (sel, wantEast, wantWest, wantBare) => {
    expect([selects(sel, east), selects(sel, west), selects(sel, bare)]).toEqual([
      wantEast,
      wantWest,
      wantBare,
    ])
  })

  it('&& binds tighter than ||', () => {
    // a || b && c  ≡  a || (b && c)
    const s = parseSelector('zone == "west" || has(zone) && zone == "none"')
    expect(evaluate(s, west)).toBe(true)
    expect(evaluate(s, east)).toBe(false)
    expect(s.kind).toBe('or')
  })

  it('documented examples parse: type == "webserver" && deployment == "prod", rack == "0"', () => {
    expect(
      selects("type == 'webserver' && deployment == 'prod'", { type: 'webserver', deployment: 'prod' }),
    ).toBe(true)
    expect(
      selects("type == 'webserver' && deployment == 'prod'", { type: 'webserver', deployment: 'dev' }),
    ).toBe(false)
    expect(selects("type in {'frontend', 'backend'}", { type: 'backend' })).toBe(true)
    expect(selects('rack == "0"', { rack: '0' })).toBe(true)
    expect(selects('rack == "0"', { rack: '1' })).toBe(false)
  })
})

describe('formatSelector gives one spelling per meaning', () => {
  it.each([
    ["zone=='east'", 'zone == "east"'],
    ['zone == "east"', 'zone == "east"'],
    ["zone notin {'a','b'}", 'zone not in {"a", "b"}'],
    ['(zone == "a" || zone == "b") && has(x)', '(zone == "a" || zone == "b") && has(x)'],
    ['zone == "a" || (zone == "b" && has(x))', 'zone == "a" || zone == "b" && has(x)'],
    ['!(has(a) && has(b))', '!(has(a) && has(b))'],
    ['', 'all()'],
    ['k == \'say "hi"\'', 'k == \'say "hi"\''],
  ])('%j → %j', (input, want) => {
    expect(formatSelector(parseSelector(input))).toBe(want)
    // the canonical form parses back to itself
    expect(formatSelector(parseSelector(want))).toBe(want)
  })
})

describe('malformed selectors point at the column', () => {
  it.each([
    ['zone == east', 9, 'expected a quoted string'],
    ['zone = "east"', 6, "unexpected character '='"],
    ['zone == "east', 9, 'unterminated string'],
    ['zone == "east" && ', 19, 'expected a label'],
    ['zone == "east" zone == "west"', 16, 'unexpected'],
    ['zone in {"a" "b"}', 14, "expected ',' or '}'"],
    ['zone in "a"', 9, "expected '{'"],
    ['zone not "a"', 10, "expected 'in' after 'not'"],
    ['zone starts "e"', 13, "expected 'with'"],
    ['zone is "east"', 6, "unknown operator 'is'"],
    ['has(zone', 9, 'expected )'],
    ['has()', 5, 'expected a label inside has'],
    ['(zone == "east"', 16, 'expected )'],
    ['zone', 5, 'expected an operator'],
    ['zone == "a" & has(b)', 13, "use '&&'"],
    ['== "east"', 1, 'expected a label'],
  ])('%j: column %d', (sel, column, reason) => {
    let err: unknown
    try {
      parseSelector(sel)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(SelectorError)
    const se = err as SelectorError
    expect(se.column).toBe(column)
    expect(se.message).toContain(reason)
    expect(se.message).toMatch(new RegExp(`^selector '.*': .* at column ${column}$`, 's'))
  })

  it('reproduces the message format exactly for an unquoted literal', () => {
    expect(() => parseSelector('zone == east')).toThrow(
      "selector 'zone == east': expected a quoted string at column 9",
    )
  })

  it('rejects global() in an IPPool selector but not elsewhere', () => {
    expect(() => parsePoolSelector('global()')).toThrow(
      'global() is not allowed in an IPPool nodeSelector at column 1',
    )
    expect(() => parsePoolSelector('has(zone) && global()')).toThrow('at column 14')
    expect(parseSelector('global()').kind).toBe('global')
  })

  it('rejects labels longer than 512 characters', () => {
    expect(() => parseSelector(`${'a'.repeat(513)} == "x"`)).toThrow('longer than 512')
    expect(selects(`${'a'.repeat(512)} == "x"`, { ['a'.repeat(512)]: 'x' })).toBe(true)
  })
})
