// Test helper: a config with every default, optionally overridden the way lab.config.yaml would.
import { LabConfigSchema, type LabConfig } from '@lab4/core'

export const testConfig = (overrides: Record<string, unknown> = {}): LabConfig =>
  LabConfigSchema.parse(overrides)
