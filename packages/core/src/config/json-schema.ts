// The published JSON Schema (lab.config.schema.json) for editor completion, generated from the zod schema.
import { z } from 'zod'
import { LabConfigSchema } from './schema.ts'

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(LabConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >
  return {
    ...schema,
    title: 'lab4 lab.config.yaml',
    description: 'Configuration of the ITMO Lab 4 runner (see docs/config.md).',
  }
}
