// app.browser: open the page through port-forward (lab item 8) and run the question 9 experiment (item 9).
import { LabError, defineStep, kubectlArgv, type LabConfig, type PlanItem } from '@lab4/core'
import { kube } from '../argv.ts'
import { CONTAINER_PORT, KEY, STEP } from '../names.ts'
import { appPods } from '../k8s.ts'
import { openBrowser, type Browsing } from './capture.ts'
import { browseSession } from './session.ts'
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
      const pods = await ctx.must({ argv: ctx.kubectl(...kube.podsJson(config)), key: KEY.browserPods })
      const ready = appPods(pods.stdout, config).filter((p) => p.ready)
      if (ready.length === 0)
        throw new LabError(`no ready ${config.app.name} pod to open in a browser`, {
          hint: 'Run `pnpm lab --only app.deploy` first.',
        })
      const browsing = await (o.open ?? openBrowser)()
      const shown = new Set<string>()
      try {
        const viaService = await browseSession(
          ctx,
          browsing,
          {
            via: 'service',
            target: `service/${config.app.service.name}`,
            port: config.app.service.port,
            key: KEY.portForward,
            loads: config.app.reloads + 1,
          },
          shown,
        )
        // port-forward pinned one pod; forwarding the other one directly shows its own name and IP.
        const seen = viaService[0]?.containerName
        const other = ready.find((p) => p.name !== seen)
        if (other)
          await browseSession(
            ctx,
            browsing,
            {
              via: 'pod',
              target: `pod/${other.name}`,
              port: CONTAINER_PORT,
              key: KEY.portForwardOther,
              loads: 1,
            },
            shown,
          )
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
      await ctx.run({ argv: ctx.kubectl(...kube.podsJson(ctx.config)), key: KEY.browserPods })
    },
    checks: [pageValues, question9],
  })
}

export const browserStep = makeBrowserStep()

function browserPlan(config: LabConfig): PlanItem[] {
  const k = (...args: string[]) => kubectlArgv(config.profile, ...args)
  const { app } = config
  return [
    {
      kind: 'command',
      argv: k(...kube.podsJson(config)),
      why: 'the ready pods, to know which one is "the other"',
    },
    {
      kind: 'command',
      argv: k(...kube.portForward(config, `service/${app.service.name}`, app.localPort, app.service.port)),
      why: 'tunnel to ONE pod behind the Service (kept running while the page loads)',
    },
    {
      kind: 'wait',
      condition: `http://127.0.0.1:${app.localPort}/ answers through the forward`,
      timeoutS: config.timeouts.portForward,
    },
    {
      kind: 'note',
      text: `open the page in a headless browser, screenshot it, reload it ${app.reloads} times: name and IP stay (port-forward pins one pod)`,
    },
    {
      kind: 'command',
      argv: k(...kube.portForward(config, 'pod/<the other pod>', app.localPort, CONTAINER_PORT)),
      why: 'forward the other pod directly: its own name and IP appear',
    },
  ]
}
