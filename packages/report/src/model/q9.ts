// Question 9 ("do Container name / Container IP change, and why?") answered from the recorded page loads.
import type { Evidence } from '@lab4/core'
import { appKeys } from '@lab4/app'

export type Page = {
  url: string
  username: string
  company: string
  containerName: string
  containerIp: string
  via: 'service' | 'pod'
  forward: string
  reload: number
}

export type PodRef = { name: string; ip: string }

export type Q9 = {
  /** pinned: one forward, same pod on every load; switched: the service forward showed several pods; single: one load only; none: no loads. */
  state: 'pinned' | 'switched' | 'single' | 'none'
  servicePages: Page[]
  servicePods: PodRef[]
  otherPages: Page[]
  otherPods: PodRef[]
  /** Distinct pods over every load, either forward. */
  allPods: PodRef[]
  /** Times the service port-forward died and was restarted. */
  drops: number
  /** Number of service port-forward sessions the loads went through. */
  forwards: number
  usernames: string[]
  companies: string[]
  envConstant: boolean
  evidence: string[]
  /** The evidence key of the page loads, named in the section text. */
  key: string
}

const distinctPods = (pages: readonly Page[]): PodRef[] => {
  const seen = new Map<string, PodRef>()
  for (const p of pages)
    if (p.containerName)
      seen.set(`${p.containerName} ${p.containerIp}`, { name: p.containerName, ip: p.containerIp })
  return [...seen.values()]
}

const isPage = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && ((v as Page).via === 'service' || (v as Page).via === 'pod')
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

/** A recorded page load, or undefined when the observation is not one. */
export const pageOf = (v: unknown): Page | undefined => (isPage(v) ? toPage(v) : undefined)

/** A value the page did not show (null in the observation) becomes '' and is rendered as a dash. */
function toPage(v: Record<string, unknown>): Page {
  return {
    url: str(v.url),
    username: str(v.username),
    company: str(v.company),
    containerName: str(v.containerName),
    containerIp: str(v.containerIp),
    via: v.via === 'pod' ? 'pod' : 'service',
    forward: str(v.forward),
    reload: typeof v.reload === 'number' ? v.reload : 0,
  }
}

export function question9(ev: Evidence): Q9 {
  const obs = ev.observations<unknown>(appKeys.page).filter((o) => isPage(o.value))
  const pages = obs.map((o) => toPage(o.value as Record<string, unknown>))
  const servicePages = pages.filter((p) => p.via === 'service')
  const otherPages = pages.filter((p) => p.via === 'pod')
  const servicePods = distinctPods(servicePages)
  const usernames = [...new Set(pages.map((p) => p.username).filter(Boolean))]
  const companies = [...new Set(pages.map((p) => p.company).filter(Boolean))]
  const state =
    servicePages.length === 0
      ? 'none'
      : servicePods.length > 1
        ? 'switched'
        : servicePages.length === 1
          ? 'single'
          : 'pinned'
  return {
    state,
    servicePages,
    servicePods,
    otherPages,
    otherPods: distinctPods(otherPages),
    allPods: distinctPods(pages),
    drops: ev.observations(appKeys.drop).length,
    forwards: new Set(servicePages.map((p) => p.forward)).size,
    usernames,
    companies,
    envConstant: usernames.length <= 1 && companies.length <= 1,
    evidence: obs.map((o) => o.id),
    key: appKeys.page,
  }
}
