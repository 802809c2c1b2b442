// Prebuilt CLI bundles, so `pnpm lab --plan`, `lint` and a failing preflight start without tsx compiling TypeScript.
// esbuild turns each CLI (lab, report, verify, review) with our workspace packages into ESM under .cache/cli/, shared
// code in chunks, lazy imports kept lazy. npm packages stay outside: each import becomes the file URL of the file
// Node itself would load from where pnpm installed it. Every source keeps its own import.meta.url, so what a file
// reads beside itself (templates, package.json, the JUnit XSD, the simulator's fakes) is found where it is.
// manifest.json lists every input with its sha256; scripts/cli.mjs checks them before it runs a bundle.
// Usage: tsx scripts/build-cli.ts (the root `prepare` script runs it at install; it never fails the install).
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from './paths.ts'

export const CLIS = ['lab', 'report', 'verify', 'review'] as const
export const OUT_DIR = join(ROOT, '.cache', 'cli')
export const MANIFEST = join(OUT_DIR, 'manifest.json')
/** The builder itself, bundled too, so the launcher can rebuild without tsx. */
const BUILDER = 'build-cli'

export type Manifest = {
  schema: 'lab4.cli-bundle/v1'
  root: string
  node: string
  /** Repo-relative path → sha256 of every file the bundles were made from (sources, package.json, lockfile). */
  inputs: Record<string, string>
  /** The same for the builder's own sources: when they change, the launcher rebuilds through tsx. */
  builder: Record<string, string>
}

// The subset of esbuild's API used here; esbuild is the simulator's dependency, borrowed from its package.
type Plugin = {
  name: string
  setup(b: {
    onResolve(
      o: { filter: RegExp },
      f: (a: { path: string; kind: string; resolveDir: string; pluginData?: unknown }) => unknown,
    ): void
    onLoad(o: { filter: RegExp; namespace?: string }, f: (a: { path: string }) => unknown): void
    resolve(
      path: string,
      o: { kind: string; resolveDir: string; pluginData: unknown },
    ): Promise<{ path: string; errors: Array<{ text: string }> }>
  }): void
}
type Esbuild = {
  build(o: Record<string, unknown>): Promise<{ metafile?: { inputs: Record<string, unknown> } }>
}
const esbuild = async (): Promise<Esbuild> =>
  (await import(
    pathToFileURL(createRequire(join(ROOT, 'packages', 'sim', 'package.json')).resolve('esbuild')).href
  )) as Esbuild

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])

/**
 * Packages imported only for one async call, loaded when that call happens instead of at start: puppeteer alone
 * costs more than the rest of `pnpm lab --plan`, which never opens a browser. Anything else used throws at once.
 */
const LAZY: Record<string, readonly string[]> = { puppeteer: ['launch'] }
/** Plain-JS packages of many small modules, bundled in: one chunk loads faster than their files one by one. */
const INLINE = ['zod', 'yaml']
const inline = (spec: string) => INLINE.some((p) => spec === p || spec.startsWith(`${p}/`))

function lazyFacade(url: string, methods: readonly string[]): string {
  const calls = methods.map(
    (m) => `  ${m}: async (...a) => (await import(${JSON.stringify(url)})).default.${m}(...a),`,
  )
  return [
    'const real = {',
    ...calls,
    '}',
    'export default new Proxy(real, {',
    '  get(t, k) {',
    "    if (typeof k === 'string' && !(k in t))",
    `      throw new Error('the CLI bundle loads ' + ${JSON.stringify(url)} + ' lazily and has no ' + k + ': add it to LAZY in scripts/build-cli.ts')`,
    '    return t[k]',
    '  },',
    '})',
    '',
  ].join('\n')
}

/** npm packages stay external, imported by the absolute file URL of what they resolve to from their importer. */
const externalDeps: Plugin = {
  name: 'lab4-external-deps',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (a) => {
      if (a.pluginData === 'inner' || a.path.startsWith('@lab4/') || inline(a.path)) return undefined
      if (builtins.has(a.path) || a.path.startsWith('file:')) return { path: a.path, external: true }
      const r = await b.resolve(a.path, { kind: a.kind, resolveDir: a.resolveDir, pluginData: 'inner' })
      if (r.errors.length > 0) return { errors: r.errors }
      const url = pathToFileURL(r.path).href
      const lazy = LAZY[a.path]
      if (lazy && a.kind === 'import-statement')
        return { path: url, namespace: 'lab4-lazy', pluginData: lazy }
      return { path: url, external: true }
    })
    b.onLoad({ filter: /.*/, namespace: 'lab4-lazy' }, (a) => ({
      contents: lazyFacade(a.path, (a as { pluginData?: readonly string[] }).pluginData ?? []),
      loader: 'js',
    }))
  },
}

// Spelled in pieces: this file is bundled too, and must not rewrite its own search strings.
const META = ['import', 'meta'].join('.')

/** Each of our sources keeps its own location: import.meta.url/dirname/filename become string literals. */
const ownLocation: Plugin = {
  name: 'lab4-own-location',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (a) => {
      if (a.path.split(/[\\/]/).includes('node_modules')) return undefined
      const text = readFileSync(a.path, 'utf8')
        .replaceAll(`${META}.url`, JSON.stringify(pathToFileURL(a.path).href))
        .replaceAll(`${META}.dirname`, JSON.stringify(dirname(a.path)))
        .replaceAll(`${META}.filename`, JSON.stringify(a.path))
      return { contents: text, loader: 'ts', resolveDir: dirname(a.path) }
    })
  },
}

/** What every bundle also depends on without importing it: how packages resolve, and which versions are installed. */
function packageFiles(): string[] {
  const pkgs = readdirSync(join(ROOT, 'packages')).map((p) => join('packages', p, 'package.json'))
  return ['package.json', 'pnpm-lock.yaml', ...pkgs]
}

function hashes(files: readonly string[]): Record<string, string> {
  return Object.fromEntries([...new Set(files)].sort().map((f) => [f, sha(join(ROOT, f))]))
}

async function bundle(entries: Record<string, string>, outdir: string): Promise<string[]> {
  const { build } = await esbuild()
  const r = await build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    // Inlined CommonJS (yaml's dist) requires Node's builtins: give every output file a require of its own.
    banner: {
      js: `import { createRequire as __lab4Require } from 'node:module'; const require = __lab4Require(${META}.url);`,
    },
    metafile: true,
    logLevel: 'warning',
    plugins: [externalDeps, ownLocation],
  })
  // Our files only: not the externals (file: URLs), the lazy facades (their own namespace) or inlined packages
  // (pnpm-lock.yaml pins those).
  return Object.keys(r.metafile?.inputs ?? {}).filter(
    (f) => !f.startsWith('file:') && !f.startsWith('lab4-lazy:') && !f.split('/').includes('node_modules'),
  )
}

/** Build every CLI and the builder into a fresh directory, then swap it in, so no run sees half a build. */
export async function buildCli(): Promise<Manifest> {
  const tmp = `${OUT_DIR}.${process.pid}.tmp`
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(tmp, { recursive: true })
  let inputs: string[]
  let builder: string[]
  try {
    inputs = await bundle(Object.fromEntries(CLIS.map((c) => [c, join('scripts', `${c}.ts`)])), tmp)
    builder = await bundle({ [BUILDER]: join('scripts', 'build-cli.ts') }, join(tmp, 'builder'))
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true })
    throw err
  }
  const manifest: Manifest = {
    schema: 'lab4.cli-bundle/v1',
    root: ROOT,
    node: process.versions.node.split('.')[0] ?? '',
    inputs: hashes([...inputs, ...packageFiles()]),
    builder: hashes(builder),
  }
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
  writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n')
  rmSync(OUT_DIR, { recursive: true, force: true })
  renameSync(tmp, OUT_DIR)
  return manifest
}

// `tsx scripts/build-cli.ts`: build, and say so; a failure warns and exits 0 (the launcher then uses tsx).
if (process.argv[1] && /build-cli\.(ts|mjs)$/.test(process.argv[1])) {
  try {
    const t = Date.now()
    const m = await buildCli()
    // stderr: the launcher runs this before the CLI itself, whose stdout must stay its own.
    console.error(
      `cli bundles: ${CLIS.join(', ')} → ${relative(process.cwd(), OUT_DIR) || '.'} (${Object.keys(m.inputs).length} inputs, ${Date.now() - t} ms)`,
    )
  } catch (err) {
    console.warn(
      `cli bundles not built (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); pnpm lab runs through tsx instead`,
    )
  }
}
