// `kubectl get`: lists, single objects, comma lists, selectors, json/yaml/wide/name output.
import { stringify } from 'yaml'
import { kubectlJson, list, sortKeys } from '../format/json.ts'
import { table } from '../format/tables.ts'
import { bool, flag, flagAll, type Parsed } from './flags.ts'
import { fail, type Io } from './io.ts'
import { findResource, listSorted, notFound, qualified, type Resource } from './resources.ts'
import { withCluster, type Target } from './session.ts'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

export async function kubectlGet(io: Io, t: Target, p: Parsed, ns: string): Promise<number> {
  const [what = '', ...names] = p.positionals.slice(1)
  if (!what)
    fail(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
    )
  // `pod/calicoctl` form, or `kind name...`, or `kind1,kind2`.
  const requests: Array<{ r: Resource; name?: string }> = []
  for (const part of what.includes('/') ? [what, ...names] : what.split(',')) {
    const [kind = '', name] = part.includes('/') ? part.split('/', 2) : [part, undefined]
    const r = findResource(kind)
    if (!r) return fail(`error: the server doesn't have a resource type "${kind}"`)
    if (name) requests.push({ r, name })
    else if (!what.includes('/') && names.length > 0) names.forEach((n) => requests.push({ r, name: n }))
    else requests.push({ r })
  }
  const output = flag(p, 'output') ?? ''
  const all = bool(p, 'all-namespaces')
  const selector = parseSelector(flag(p, 'selector'))
  const single = requests.length === 1 && requests[0]?.name !== undefined
  const groups = await withCluster(io, t, (c, w, now) =>
    requests.map(({ r, name }) => {
      let items = listSorted(r, c, w.seed, now)
      if (r.namespaced && !all) items = items.filter((o) => o.metadata?.namespace === ns)
      if (name) {
        items = items.filter((o) => o.metadata?.name === name)
        if (items.length === 0) return { r, items, missing: name }
      }
      return { r, items: items.filter((o) => selector(o.metadata?.labels ?? {})), now }
    }),
  )
  const missing = groups.filter((g) => 'missing' in g)
  const found = groups.flatMap((g) => g.items)
  const now = Date.now()
  if (output === 'json' || output === 'yaml') {
    if (missing.length) fail(missing.map((g) => notFound(g.r, (g as { missing: string }).missing)).join('\n'))
    const value = single ? found[0] : list(found)
    io.out(output === 'json' ? kubectlJson(value) : stringify(sortKeys(value)))
    return 0
  }
  if (output === 'name') {
    for (const g of groups) for (const o of g.items) io.out(`${qualified(g.r, o.metadata.name)}\n`)
  } else if (output === '' || output === 'wide') {
    const texts = groups
      .filter((g) => g.items.length > 0)
      .map((g) =>
        table(g.r.kind, g.items, {
          wide: output === 'wide',
          allNamespaces: all && g.r.namespaced,
          labelColumns: flagAll(p, 'label-columns').flatMap((s) => s.split(',')),
          showLabels: bool(p, 'show-labels'),
          ...(groups.length > 1 ? { withKind: qualified(g.r, '').slice(0, -1) } : {}),
          now,
        }),
      )
    io.out(texts.join('\n'))
  } else {
    fail(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
    )
  }
  if (missing.length) {
    io.err(`${missing.map((g) => notFound(g.r, (g as { missing: string }).missing)).join('\n')}\n`)
    return 1
  }
  if (found.length === 0)
    io.err(
      all || !groups.some((g) => g.r.namespaced)
        ? 'No resources found\n'
        : `No resources found in ${ns} namespace.\n`,
    )
  return 0
}

/** Equality-based label selectors: `a=b,c!=d,e`. */
export function parseSelector(s: string | undefined): (labels: Record<string, string>) => boolean {
  if (!s) return () => true
  const terms = s.split(',').map((term) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term.trim())
    if (!m) {
      const key = term.trim().replace(/^!/, '')
      const negate = term.trim().startsWith('!')
      return (l: Record<string, string>) => key in l !== negate
    }
    const [, k = '', op, v = ''] = m
    return (l: Record<string, string>) => (op === '!=' ? l[k] !== v : l[k] === v)
  })
  return (labels) => terms.every((f) => f(labels))
}

export type { Obj }
