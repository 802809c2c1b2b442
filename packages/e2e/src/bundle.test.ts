// The prebuilt CLI bundles (scripts/build-cli.ts, run by scripts/cli.mjs) in a temporary copy of the repo: a cold
// start builds them, a warm start reuses them, and after a source edit both the next cold start (which rebuilds)
// and the warm one after it show the edited behaviour; LAB_CLI_TSX=1 shows it through tsx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './harness.ts'

type Ran = { code: number | null; stdout: string; stderr: string }

let copy: string
const run = (argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: copy, env: { ...process.env, CI: '1', ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
const plan = (env?: NodeJS.ProcessEnv) => run([join('scripts', 'cli.mjs'), 'lab', '--plan'], env)
const manifest = () => join(copy, '.cache', 'cli', 'manifest.json')
const built = () => statSync(manifest()).mtimeMs

/**
 * The sources copied; node_modules rebuilt from links: npm packages from the real install, our packages from
 * the copy (each package's own node_modules are relative links, so they land in the copy too).
 */
beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'lab4-e2e-bundle-'))
  for (const entry of [
    'package.json',
    'pnpm-lock.yaml',
    'pnpm-workspace.yaml',
    'tsconfig.base.json',
    'scripts',
    'packages',
  ])
    cpSync(join(ROOT, entry), join(copy, entry), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !/[\\/]\.vite/.test(src), // vitest's caches
    })
  const modules = join(copy, 'node_modules')
  mkdirSync(join(modules, '@lab4'), { recursive: true })
  for (const entry of readdirSync(join(ROOT, 'node_modules')))
    if (entry !== '@lab4') symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry))
  for (const pkg of readdirSync(join(ROOT, 'node_modules', '@lab4')))
    symlinkSync(join(copy, 'packages', pkg), join(modules, '@lab4', pkg))
})
afterAll(() => rmSync(copy, { recursive: true, force: true }))

describe('the CLI bundles', () => {
  it('a cold start builds them and runs the plan; a warm start reuses them unchanged', async () => {
    const cold = await plan()
    expect(cold.code, cold.stderr).toBe(0)
    expect(cold.stdout).toMatch(/^Plan for profile "lab4" \(\d+ steps\)\. Nothing has been run\./)
    expect(cold.stderr).not.toContain('running through tsx')
    const first = built()
    const warm = await plan()
    expect(warm.stdout).toBe(cold.stdout)
    expect(built()).toBe(first)
    // The bundle runs on its own too: `node <bundle> --plan`, the figure pnpm bench prints.
    const direct = await run([join('.cache', 'cli', 'lab.mjs'), '--plan'])
    expect(direct.stdout).toBe(cold.stdout)
  })

  it('after a source edit, the next (cold) start rebuilds and shows it, and so does the warm start after it', async () => {
    const file = join(copy, 'packages', 'cluster', 'src', 'steps', 'prepull-step.ts')
    const before = readFileSync(file, 'utf8')
    const title = 'frontend image on every node, pulled on the host network while Calico started'
    expect(before).toContain(title)
    writeFileSync(file, before.replace(title, 'EDITED: the image, pulled early'))
    const stale = built()
    const cold = await plan()
    expect(cold.code, cold.stderr).toBe(0)
    expect(cold.stdout).toContain('cluster.prepull: EDITED: the image, pulled early')
    expect(cold.stdout).not.toContain(title)
    expect(built()).toBeGreaterThan(stale)
    const rebuilt = built()
    const warm = await plan()
    expect(warm.stdout).toContain('cluster.prepull: EDITED: the image, pulled early')
    expect(built()).toBe(rebuilt)
    // Development without bundles sees the same source.
    const viaTsx = await plan({ LAB_CLI_TSX: '1' })
    expect(viaTsx.stdout).toBe(warm.stdout)
  })

  it('falls back to tsx, saying so, when the bundle cannot be built (a syntax error), and runs the CLI anyway', async () => {
    const file = join(copy, 'scripts', 'plan.ts')
    const before = readFileSync(file, 'utf8')
    writeFileSync(file, `${before}\nconst broken = (\n`)
    try {
      const r = await plan()
      expect(r.stderr).toContain('lab4: running through tsx')
      expect(r.code).not.toBe(0) // tsx meets the same syntax error: the CLI fails loudly rather than running stale code
    } finally {
      writeFileSync(file, before)
    }
    const again = await plan()
    expect(again.code).toBe(0)
    expect(again.stderr).not.toContain('running through tsx')
  })
})
