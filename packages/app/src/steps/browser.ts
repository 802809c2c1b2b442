// app.browser: open the page through port-forward (lab item 8) and run the question 9 experiment (item 9).
import { LabError, defineStep, type LabConfig, type PlanItem } from '@lab4/core'
import { kube } from '../argv.ts'
import { KEY, STEP } from '../contract.ts'
import { CONTAINER_PORT } from '../names.ts'
import { appPods } from '../k8s.ts'
import { openBrowser, type Browsing } from './effects/chromium.ts'
import { browseSession, sessionArgs, type SessionPlan } from './effects/browser-session.ts'
import { toCommand, toPlan, type StepCommand } from './command.ts'
import { pageValues, question9 } from '../checks/browser.ts'

export type BrowserStepOptions = {
  /** How to get a browser; tests may pass their own. @default openBrowser */
  open?: () => Promise<Browsing>
}

export function makeBrowserStep(o: BrowserStepOptions = {}) {
  return defineStep({
    id: STEP.browser,
    pkg: 'app',
    title: 'port-forward, the page in a browser, and question 9 (do name and IP change?)',
    labItems: [8, 9],
    plan: browserPlan,
    run: async (ctx) => {
      const { config } = ctx
      const pods = await ctx.must(toCommand(ctx, podsRead(config)))
      const ready = appPods(pods.stdout, config).filter((p) => p.ready)
      if (ready.length === 0)
        throw new LabError(`no ready ${config.app.name} pod to open in a browser`, {
          hint: 'Run `pnpm lab --only app.deploy` first.',
        })
      const browsing = await (o.open ?? openBrowser)()
      const shown = new Set<string>()
      try {
        const viaService = await browseSession(ctx, browsing, serviceSession(config), shown)
        // port-forward pinned one pod; forwarding the other one directly shows its own name and IP.
        const seen = viaService[0]?.containerName
        const other = ready.find((p) => p.name !== seen)
        if (other) await browseSession(ctx, browsing, otherPodSession(other.name), shown)
        else
          ctx.note(
            `only one ready pod (${seen ?? '?'}); the second half of question 9 needs the other replica`,
            'warn',
          )
      } finally {
        await browsing.close()
      }
      return 'unchanged'
    },
    collect: async (ctx) => {
      await ctx.run(toCommand(ctx, podsRead(ctx.config)))
    },
    checks: [pageValues, question9],
  })
}

export const browserStep = makeBrowserStep()

/** The app pods, read before browsing (which one is "the other") and again in collect. */
const podsRead = (config: LabConfig): StepCommand => ({
  args: kube.podsJson(config),
  key: KEY.browserPods,
  why: 'the ready pods, to know which one is "the other"',
})

/** Reload through one Service forward: the page keeps showing the one pod kubectl picked. */
const serviceSession = (config: LabConfig): SessionPlan => ({
  via: 'service',
  target: `service/${config.app.service.name}`,
  port: config.app.service.port,
  key: KEY.portForward,
  loads: config.app.reloads + 1,
})

/** Forward the other pod directly: its own name and IP appear. */
const otherPodSession = (pod: string): SessionPlan => ({
  via: 'pod',
  target: `pod/${pod}`,
  port: CONTAINER_PORT,
  key: KEY.portForwardOther,
  loads: 1,
})

function browserPlan(config: LabConfig): PlanItem[] {
  const { app } = config
  const forward = (s: SessionPlan, why: string) =>
    toPlan(config, { args: sessionArgs(config, s, app.localPort), key: s.key, why })
  return [
    toPlan(config, podsRead(config)),
    forward(
      serviceSession(config),
      'tunnel to ONE pod behind the Service (kept running while the page loads)',
    ),
    {
      kind: 'wait',
      condition: `http://127.0.0.1:${app.localPort}/ answers through the forward`,
      timeoutS: config.timeouts.portForward,
    },
    {
      kind: 'note',
      text: `open the page in a headless browser, screenshot it, reload it ${app.reloads} times: name and IP stay (port-forward pins one pod)`,
    },
    forward(otherPodSession('<the other pod>'), 'forward the other pod directly: its own name and IP appear'),
  ]
}
