import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// Full flows spawn the real CLI against the simulator: run files one at a time, with generous limits.
export default mergeConfig(
  shared,
  defineConfig({ test: { testTimeout: 300_000, hookTimeout: 300_000, fileParallelism: false } }),
)
