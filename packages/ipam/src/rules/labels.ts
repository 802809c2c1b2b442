// Kubernetes label syntax (apimachinery validation): keys are [prefix/]name, values are short and plain.
import { labelValuePattern } from '@lab4/core'

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** Why `key` is not a valid label key, or undefined when it is. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/')
  if (parts.length > 2) return 'a label key has at most one "/" (prefix/name)'
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]]
  if (prefix !== undefined) {
    if (prefix === '') return 'the prefix before "/" is empty'
    if (prefix.length > 253) return 'the prefix before "/" is longer than 253 characters'
    if (!DNS_SUBDOMAIN.test(prefix))
      return `the prefix "${prefix}" is not a DNS subdomain (lower-case letters, digits, "-" and ".")`
  }
  if (!name) return 'the name part is empty'
  if (name.length > 63) return `the name part "${name}" is longer than 63 characters`
  if (!NAME.test(name))
    return `the name part "${name}" must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."`
  return undefined
}

/** Why `value` is not a valid (non-empty) label value, or undefined when it is. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return 'a zone value must not be empty'
  if (value.length > 63) return 'a label value is at most 63 characters'
  if (!labelValuePattern.test(value))
    return 'a label value must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."'
  return undefined
}

/** Well-known keys meant for zones: Kubernetes reserves their prefix, but labelling a node's zone is what they are for. */
const ZONE_KEYS = ['topology.kubernetes.io/zone', 'topology.kubernetes.io/region']

/**
 * Why `key` sits in a namespace Kubernetes keeps for itself (kubernetes.io/, k8s.io/ and their subdomains), or
 * undefined. Relabelling kubernetes.io/hostname would rewrite the node's identity.
 */
export function reservedKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/')
  if (slash < 0 || ZONE_KEYS.includes(key)) return undefined
  const prefix = key.slice(0, slash)
  const reserved = ['kubernetes.io', 'k8s.io'].find((r) => prefix === r || prefix.endsWith(`.${r}`))
  return reserved
    ? `the prefix ${prefix}/ is reserved for Kubernetes itself (${reserved}); the lab would relabel a label the cluster owns`
    : undefined
}
