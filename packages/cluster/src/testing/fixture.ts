// The cluster package's copied real outputs (src/fixtures, each with its `# source:` line).
import { join } from 'node:path'
import { fixtureReader } from '@lab4/core/testing'

export const fixture = fixtureReader(join(import.meta.dirname, '..', 'fixtures'))
