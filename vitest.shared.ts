import { defineConfig } from 'vitest/config'

// Shared defaults; each package's vitest.config.ts re-exports this.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    restoreMocks: true,
    pool: 'forks',
  },
})
