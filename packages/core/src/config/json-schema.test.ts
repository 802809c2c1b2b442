import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { configJsonSchema } from './json-schema.ts'
import { parseConfig } from './load.ts'

const root = new URL('../../../../', import.meta.url)

describe('published config files', () => {
  it('lab.config.schema.json is up to date (run `pnpm schema` after changing the config schema)', () => {
    expect(JSON.parse(readFileSync(new URL('lab.config.schema.json', root), 'utf8'))).toEqual(
      configJsonSchema(),
    )
  })

  it('lab.config.example.yaml is valid and spells out every default', () => {
    const text = readFileSync(new URL('lab.config.example.yaml', root), 'utf8')
    const { config } = parseConfig(text, 'lab.config.example.yaml')
    const defaults = parseConfig('{}', 'defaults').config
    expect({ ...config, student: defaults.student }).toEqual(defaults)
    expect(Object.keys(parseDocument(text).toJS() as object).sort()).toEqual(Object.keys(defaults).sort())
  })
})
