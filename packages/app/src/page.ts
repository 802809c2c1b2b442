// Pure: read the four values the frontend renders from `document.body.innerText`.

/** What the app renders in place of a missing environment variable. */
export const PLACEHOLDER = '(₌ ᵕ̣̣̣̣̣ ᆽ ᵕ̣̣̣̣̣₌)'

export type PageValues = {
  /** Each value as displayed; null when its line is not on the page (not rendered yet). */
  username: string | null
  company: string | null
  containerName: string | null
  containerIp: string | null
}

export type PageField = keyof PageValues

const LINES: ReadonlyArray<[PageField, RegExp]> = [
  ['username', /Container was started by user:[ \t]*(.*)/],
  ['company', /Container was started by company:[ \t]*(.*)/],
  ['containerName', /Container name is:[ \t]*(.*)/],
  ['containerIp', /Container was started with IP:[ \t]*(.*)/],
]

export function parsePage(text: string): PageValues {
  const out: PageValues = { username: null, company: null, containerName: null, containerIp: null }
  for (const [field, re] of LINES) {
    const m = re.exec(text)
    if (m) out[field] = (m[1] ?? '').trim()
  }
  return out
}

/** All four lines are on the page: React has rendered (values may still be placeholders). */
export const isRendered = (v: PageValues): boolean => Object.values(v).every((x) => x !== null)

/** Fields shown as the placeholder or empty: the variable was not set when the pod built its bundle. */
export const missingFields = (v: PageValues): PageField[] =>
  LINES.map(([k]) => k).filter((k) => typeof v[k] === 'string' && (v[k] === '' || v[k].includes('ᆽ')))
