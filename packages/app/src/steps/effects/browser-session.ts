// One port-forward, several page loads through it, recorded once the forward has ended (its journal entry exists then).
import {
  InterruptedError,
  LabError,
  firstLine,
  type Command,
  type LabConfig,
  type LiveProcess,
  type StepContext,
} from '@lab4/core'
import { kube } from '../../argv.ts'
import { KEY } from '../../contract.ts'
import { startForward, type Forward, type ForwardDrop } from './port-forward.ts'
import { isRendered, parsePage, type PageValues } from '../../page.ts'
import type { Browsing, Tab } from './chromium.ts'
import type { PageObservation } from '../../question9.ts'

export type SessionPlan = {
  via: 'service' | 'pod'
  /** `service/<svc>` or `pod/<name>`. */
  target: string
  /** Remote port: the Service port, or the container port for a pod. */
  port: number
  key: string
  loads: number
}

/** The port-forward argv of a session for a given local port (after `kubectl --context P`); plan() shows the same. */
export const sessionArgs = (config: LabConfig, plan: SessionPlan, localPort: number): string[] =>
  kube.portForward(config, plan.target, localPort, plan.port)

const DROP_GRACE_MS = 3000

type Load = { values: PageValues; url: string; proc: LiveProcess; reload: number; png: Buffer | undefined }

/** Forward, load `loads` times, screenshot each pod the step has not shown yet; returns the values of each load. */
export async function browseSession(
  ctx: StepContext,
  browsing: Browsing,
  plan: SessionPlan,
  shown: Set<string>,
): Promise<PageValues[]> {
  const { config } = ctx
  const entryOf = new Map<LiveProcess, Promise<string | undefined>>()
  const exited = new Map<LiveProcess, number>()
  const drops: ForwardDrop[] = []
  const spawn = (c: Command) => {
    const p = ctx.spawn(c)
    // ctx.spawn records the process first, so right after `done` the last entry id is this process's.
    entryOf.set(
      p,
      p.done.then(() => {
        exited.set(p, Date.now())
        return ctx.lastEntryId()
      }),
    )
    return p
  }
  const fw = await startForward({
    spawn,
    command: (local) => ({
      argv: ctx.kubectl(...sessionArgs(config, plan, local)),
      key: plan.key,
    }),
    localPort: config.app.localPort,
    timeoutMs: config.timeouts.portForward * 1000,
    wait: ctx.waitFor,
    signal: ctx.signal,
    onLocalPort: (c) => {
      ctx.observe(KEY.localPort, c, [])
      const line = `local port ${c.wanted} is busy (${c.reason}); forwarding from ${c.used} instead`
      ctx.note(line, 'warn')
      ctx.progress(line)
    },
    onDrop: (d) => {
      drops.push(d)
      ctx.progress(
        `port-forward ${plan.target} dropped (${firstLine(d.stderr) || `exit ${d.exitCode}`}); restarting`,
      )
    },
  })
  const loads: Load[] = []
  let tab: Tab | undefined
  try {
    tab = await browsing.tab()
    for (let i = 0; i < plan.loads; i++) {
      const { values, proc } = await loadRendered(ctx, tab, fw, exited, i)
      const name = values.containerName ?? ''
      const png = name && !shown.has(name) ? await tab.screenshot() : undefined
      shown.add(name)
      loads.push({ values, url: fw.url, proc, reload: i, png })
    }
  } finally {
    // After a signal the browser is gone already: closing its tab would only wait for a dead pipe.
    if (!ctx.signal.aborted) await tab?.close().catch(() => undefined)
    await fw.stop()
    await record(ctx, plan, loads, drops, entryOf)
  }
  return loads.map((l) => l.values)
}

async function record(
  ctx: StepContext,
  plan: SessionPlan,
  loads: Load[],
  drops: ForwardDrop[],
  entryOf: Map<LiveProcess, Promise<string | undefined>>,
) {
  const idOf = async (p: LiveProcess) => (await entryOf.get(p)) ?? ''
  for (const d of drops) ctx.observe(KEY.drop, { at: d.at, stderr: d.stderr }, [await idOf(d.process)])
  for (const l of loads) {
    const forward = await idOf(l.proc)
    const value: PageObservation = { url: l.url, ...l.values, via: plan.via, forward, reload: l.reload }
    const obs = ctx.observe(KEY.page, value, [forward])
    if (l.png) {
      ctx.artifact(KEY.screenshot, `screenshot-${plan.via}-${l.values.containerName}.png`, l.png, {
        mediaType: 'image/png',
        description: `The page through kubectl port-forward ${plan.target}: ${l.values.containerName} (${l.values.containerIp})`,
        evidence: [forward, obs],
      })
    }
  }
}

/** Load until React rendered the four lines; a forward that drops mid-load is restarted and the load retried. */
async function loadRendered(
  ctx: StepContext,
  tab: Tab,
  fw: Forward,
  exited: Map<LiveProcess, number>,
  reload: number,
): Promise<{ values: PageValues; proc: LiveProcess }> {
  const timeoutMs = ctx.config.timeouts.page * 1000
  for (let attempt = 1; ; attempt++) {
    if (ctx.signal.aborted) throw new InterruptedError()
    await fw.ready()
    const proc = fw.current()
    try {
      await tab.load(fw.url, reload === 0 && attempt === 1 ? 'goto' : 'reload', timeoutMs)
      await ctx.waitFor(
        `the page at ${fw.url} to show user, company, container name and IP`,
        async () => {
          const v = parsePage(await tab.text())
          if (isRendered(v)) return { done: true, observed: 'rendered' }
          // After a drop the page may still render from what it already loaded; give it a moment, then reload.
          const dropped = exited.get(proc)
          if (dropped !== undefined && Date.now() - dropped > DROP_GRACE_MS)
            return { done: true, observed: 'port-forward dropped before the page rendered' }
          return {
            done: false,
            observed:
              dropped !== undefined
                ? 'port-forward dropped; waiting for the page to render'
                : 'waiting for the app to render',
          }
        },
        {
          timeoutMs,
          intervalMs: 250,
          hint: 'The app renders client-side; open the URL yourself and look at the browser console.',
        },
      )
      const values = parsePage(await tab.text())
      if (isRendered(values)) return { values, proc }
    } catch (err) {
      // A signal kills the forward and the browser: that is the shutdown, not a drop to retry.
      if (ctx.signal.aborted) throw new InterruptedError()
      if (!exited.has(proc) || attempt >= 3) throw err
    }
    if (attempt >= 3)
      throw new LabError(`the page at ${fw.url} did not render after ${attempt} attempts`, {
        hint: 'The port-forward keeps dropping; see the recorded port-forward stderr.',
      })
  }
}
