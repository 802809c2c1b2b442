// Evidence keys are typed constructors from each domain's contract.ts; no key string is typed elsewhere.

/** A family of keys that share a prefix, one per object (`app.ping.endpoint.<pod>`). */
export type KeyFamily = {
  (id: string): string
  /** `app.ping.endpoint.`: what `Evidence.commandsWithPrefix` takes. */
  readonly prefix: string
  /** The object a key of this family names (`app.ping.endpoint.web-1` → `web-1`), else undefined. */
  idOf(key: string | undefined): string | undefined
}

export function keyFamily(base: string): KeyFamily {
  const prefix = `${base}.`
  const make = (id: string): string => `${prefix}${id}`
  return Object.assign(make, {
    prefix,
    idOf: (key: string | undefined) => (key?.startsWith(prefix) ? key.slice(prefix.length) : undefined),
  })
}
