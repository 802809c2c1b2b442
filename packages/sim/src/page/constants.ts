// Shared by the page's browser bundle and the fake that serves it; no Node imports here.

/** What the app renders in place of a missing REACT_APP_* variable (src/App.js of the image). */
export const MISSING = '(₌ ᵕ̣̣̣̣̣ ᆽ ᵕ̣̣̣̣̣₌)'

/** How long the page stays an empty shell after its bundle ran: a reader must wait for React, not read once. */
export const RENDER_MS = 300

/** The global the served bundle starts by defining: the values `npm run build` baked into this pod's bundle. */
export const ENV_GLOBAL = '__LAB4_BUILD_ENV__'

export const ENV_KEYS = [
  'REACT_APP_USERNAME',
  'REACT_APP_COMPANY_NAME',
  'REACT_APP_CONTAINER_NAME',
  'REACT_APP_CONTAINER_IP',
] as const

/** The React bundle's file beside the fakes; port-forward serves it, baked per pod, as main.<hash>.js. */
export const PAGE_BUNDLE = 'frontend-main.js'
