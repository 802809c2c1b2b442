// The frontend as its express server answers: CRA's empty index.html, and a main.<hash>.js with this pod's values.
import { ENV_GLOBAL, ENV_KEYS } from '../page/constants.ts'

export type BuildEnv = Partial<Record<(typeof ENV_KEYS)[number], string>>

/** build/index.html of a react-scripts 5 build: no text at all until the bundle has run. */
export const indexHtml = (mainJs: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"/><link rel="icon" href="/favicon.ico"/><meta name="viewport" content="width=device-width,initial-scale=1"/><meta name="theme-color" content="#000000"/><meta name="description" content="Web site created using create-react-app"/><title>React App</title><script defer="defer" src="${mainJs}"></script></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>`

/** The pod's bundle: the shared React build, preceded by the env its `npm run build` saw (unset stays unset). */
export function bakeBundle(bundle: string, env: BuildEnv): string {
  const known = Object.fromEntries(ENV_KEYS.flatMap((k) => (env[k] === undefined ? [] : [[k, env[k]]])))
  return `var ${ENV_GLOBAL}=${JSON.stringify(known)};\n${bundle}`
}
