// Which lab item (lab4-task.md §1) a command, an output or a heading is evidence for.
import type { Item, ItemOrForm } from './types.ts'
import { type Cmd, flag, hasFlag, resource, resourceKind, verb } from './command.ts'
import type { Table } from './facts/tables.ts'

export const ITEM_TITLES: Record<Item, string> = {
  1: 'minikube with 2 nodes and Calico',
  2: 'Calico and the nodes checked',
  3: 'calicoctl for the IPAM plugin',
  4: 'node labels for IPAM',
  5: 'IP pools by label, pod IPs in them',
  6: 'Deployment: 2 replicas, image, env vars',
  7: 'Service for the pods',
  8: 'port-forward and the page in a browser',
  9: 'question 9: do name and IP change?',
  10: 'ping the neighbour by FQDN',
}

export const FORM_TITLE = 'header and form'
export const titleOf = (item: ItemOrForm): string => (item === null ? FORM_TITLE : ITEM_TITLES[item])

const byFileName = (f: string): Item[] => {
  const name = f.toLowerCase()
  if (/calicoctl/.test(name)) return [3]
  if (/ippool|pool|calico|ipam/.test(name)) return [5]
  if (/svc|service/.test(name)) return [7]
  if (/deploy|react|frontend|app|replica|configmap|front/.test(name)) return [6]
  return []
}

/** Items a command is evidence for (an empty list when it says nothing about the lab). */
export function itemsOfCommand(c: Cmd): Item[] {
  if (c.tool === 'minikube') {
    const v = verb(c)
    if (v === 'start' || v === 'node') return [1]
    if (v === 'status') return [2]
    if (v === 'service' || v === 'tunnel') return [8]
    return []
  }
  if (c.tool === 'calicoctl') {
    const v = verb(c)
    // Any calicoctl that ran shows item 3 (calicoctl works); pool commands also show item 5.
    if (v === 'version') return [3]
    if (resourceKind(resource(c)) === 'ippools' || v === 'ipam') return [3, 5]
    if ((v === 'create' || v === 'apply') && c.values.size + (c.stdinFile ? 1 : 0) > 0) return [3, 5]
    return [3]
  }
  if (c.tool === 'ping' || c.tool === 'nslookup') return [10]
  if (c.tool !== 'kubectl') return []
  if (c.inner)
    return c.inner.tool === 'ping' || c.inner.tool === 'nslookup' || c.inner.tool === 'shell' ? [10] : []
  const v = verb(c)
  const r = resourceKind(resource(c))
  const file = flag(c, '-f', '--filename') ?? c.stdinFile ?? ''
  if (v === 'label') return [4]
  if (v === 'port-forward') return [8]
  if (v === 'expose') return [7]
  if (v === 'apply' || v === 'create') return byFileName(file)
  if (v === 'get' || v === 'describe' || v === 'delete') {
    if (r === 'nodes') return hasFlag(c, '-L', '--label-columns', '--show-labels') || c.pipe ? [4] : [2]
    if (r === 'ippools') return [5]
    if (r === 'deployments' || r === 'replicasets') return [6]
    if (r === 'services') return [7]
    if (r === 'pods') {
      const sel = flag(c, '-l', '--selector') ?? ''
      const ns = flag(c, '-n', '--namespace') ?? ''
      if (/calico/.test(sel) || ns === 'kube-system' || hasFlag(c, '-A', '--all-namespaces')) return [2]
      return [6]
    }
    if (/,/.test(resource(c))) return [6, 7]
  }
  return []
}

/** The most specific item a command shows (`calicoctl get ippool` is item 5 more than item 3). */
export const mainItem = (c: Cmd): Item | undefined => itemsOfCommand(c).at(-1)

/** Items an output's tables are evidence for, whatever command printed them. */
export function itemsOfTable(t: Table): Item[] {
  switch (t.kind) {
    case 'nodes':
      return t.columns.length > 5 && !t.columns.includes('INTERNAL-IP') ? [2, 4] : [2]
    case 'pools':
      return [5]
    case 'services':
      return [7]
    case 'deployments':
    case 'replicasets':
      return [6]
    case 'pods':
      return t.rows.some((r) => /^calico-node-/.test(r.cells.NAME ?? ''))
        ? [2]
        : t.columns.includes('IP')
          ? [5, 6]
          : [6]
    default:
      return []
  }
}

/** Items a heading announces (`### Попингуем?` → 10), by its words. */
export function itemsOfHeading(text: string): Item[] {
  const t = text.toLowerCase()
  if (/пинг|ping|fqdn|coredns/.test(t)) return [10]
  if (/вопрос|question|container name|меняются/.test(t)) return [9]
  if (/проброс|port-?forward|браузер|browser/.test(t)) return [8]
  if (/deployment|деплой|развертыв|развёртыв/.test(t)) return [6]
  if (/service|сервис/.test(t)) return [7]
  if (/ippool|пул|ipam|pool/.test(t)) return [5]
  if (/label|метк/.test(t)) return [4]
  if (/calicoctl/.test(t)) return [3]
  if (/minikube|multi-?node|кластер|cluster|calico/.test(t)) return [1, 2]
  return []
}
