// pnpm lab | verify | review (and `node scripts/cli.mjs report`): run the CLI's prebuilt bundle when every file it
// was built from is unchanged (sha256, .cache/cli/manifest.json); otherwise rebuild it first (esbuild, about a
// second) and run the fresh one; if that fails too, run the TypeScript through tsx as in development.
// Plain JavaScript on purpose: this file is what runs before anything is compiled. LAB_CLI_TSX=1 forces tsx.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const OUT = join(ROOT, '.cache', 'cli')
const CLIS = ['lab', 'report', 'verify', 'review']

const name = process.argv[2] ?? ''
if (!CLIS.includes(name)) {
  process.stderr.write(`usage: node scripts/cli.mjs ${CLIS.join('|')} [arguments]\n`)
  process.exit(2)
}
// The CLI reads process.argv.slice(2) as its own arguments.
process.argv.splice(2, 1)

/** Files whose sha256 differs from the manifest's (or are gone); null when there is no usable manifest. */
function changed(key) {
  let m
  try {
    m = JSON.parse(readFileSync(join(OUT, 'manifest.json'), 'utf8'))
  } catch {
    return null
  }
  if (m.schema !== 'lab4.cli-bundle/v1' || m.root !== ROOT || m.node !== process.versions.node.split('.')[0])
    return null
  return Object.entries(m[key] ?? {}).filter(([file, hash]) => {
    try {
      return (
        createHash('sha256')
          .update(readFileSync(join(ROOT, file)))
          .digest('hex') !== hash
      )
    } catch {
      return true
    }
  })
}

function tsx(file, args) {
  // The child gets the terminal's Ctrl-C too and ends itself (exit 130); this process waits for it.
  process.on('SIGINT', () => undefined)
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', file), ...args], {
    stdio: 'inherit',
  })
  return r.status ?? (r.signal === 'SIGINT' ? 130 : 1)
}

/** The bundled builder when its own sources are unchanged (no tsx needed), else scripts/build-cli.ts through tsx. */
async function rebuild(own) {
  const builder = join(OUT, 'builder', 'build-cli.mjs')
  if (own && own.length === 0 && existsSync(builder)) {
    const { buildCli } = await import(pathToFileURL(builder).href)
    await buildCli()
  } else if (tsx('build-cli.ts', []) !== 0) throw new Error('scripts/build-cli.ts failed')
  const left = [...(changed('inputs') ?? [[]]), ...(changed('builder') ?? [[]])]
  if (left.length > 0) throw new Error('the rebuilt bundle still does not match its sources')
}

const bundle = join(OUT, `${name}.mjs`)
let fresh = false
if (process.env.LAB_CLI_TSX !== '1') {
  // A changed builder makes every bundle stale too: it decides what they contain.
  const stale = changed('inputs')
  const own = changed('builder')
  fresh = stale !== null && own !== null && stale.length + own.length === 0 && existsSync(bundle)
  if (!fresh) {
    try {
      await rebuild(own)
      fresh = existsSync(bundle)
      process.stderr.write(`lab4: CLI bundles rebuilt (${stale ? 'sources changed' : 'none yet'})\n`)
    } catch (err) {
      process.stderr.write(`lab4: running through tsx (no usable CLI bundle: ${err.message})\n`)
    }
  }
}
if (fresh) await import(pathToFileURL(bundle).href)
else process.exitCode = tsx(`${name}.ts`, process.argv.slice(2))
