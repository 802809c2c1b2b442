// Regenerate lab.config.schema.json from the config schema (a test fails when it is stale).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { configJsonSchema } from '@lab4/core'
import { ROOT } from './paths.ts'

writeFileSync(join(ROOT, 'lab.config.schema.json'), JSON.stringify(configJsonSchema(), null, 2) + '\n')
process.stdout.write('wrote lab.config.schema.json\n')
