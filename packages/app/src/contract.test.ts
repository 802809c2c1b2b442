import { describe, expect, it } from 'vitest'
import { KEY, POLICY_PHASES, POLICY_PROBE_KEYS, STEP } from './contract.ts'

describe('the app evidence contract', () => {
  it('keeps the key strings recorded journals and report goldens depend on', () => {
    const singletons = Object.fromEntries(Object.entries(KEY).filter(([, v]) => typeof v === 'string'))
    expect(singletons).toEqual({
      deployment: 'app.deployment.json',
      service: 'app.service.json',
      apply: 'app.apply',
      rollout: 'app.rollout',
      endpointSlices: 'app.endpointslices.json',
      pods: 'app.pods.json',
      podsWide: 'app.pods.wide',
      objectsWide: 'app.objects.wide',
      nodes: 'app.nodes.json',
      pools: 'app.pools.json',
      manifest: 'app.manifest',
      portForward: 'app.port-forward',
      portForwardOther: 'app.port-forward.other',
      browserPods: 'app.browser.pods.json',
      page: 'app.page',
      drop: 'app.port-forward.drop',
      localPort: 'app.local-port',
      screenshot: 'app.screenshot',
      networkPods: 'app.network.pods.json',
      networkService: 'app.network.service.json',
      corednsPods: 'app.coredns.pods',
      corefile: 'app.coredns.corefile',
      policyLeftovers: 'app.policy.leftovers.json',
      policyLeftoversDelete: 'app.policy.leftovers.delete',
      policyPods: 'app.policy.pods.json',
      policyApplyDeny: 'app.policy.apply.deny',
      policyApplyAllow: 'app.policy.apply.allow',
      policyDelete: 'app.policy.delete',
      policyRecordApply: 'app.policy.record.apply',
      policyRecord: 'app.policy.record.json',
      policies: 'app.policy.networkpolicies.json',
      policyManifestDeny: 'app.policy.manifest.deny',
      policyManifestAllow: 'app.policy.manifest.allow',
    })
    expect(STEP).toEqual({
      deploy: 'app.deploy',
      browser: 'app.browser',
      network: 'app.network',
      policy: 'app.policy',
    })
  })

  it('names one key per pod for each probe, and reads the pod back from it', () => {
    const pod = 'frontend-6f7c9d8b5-k2x8q'
    expect([
      KEY.dnsEndpoint(pod),
      KEY.pingEndpoint(pod),
      KEY.pingPod(pod),
      KEY.dnsService(pod),
      KEY.pingClusterIp(pod),
    ]).toEqual([
      `app.dns.endpoint.${pod}`,
      `app.ping.endpoint.${pod}`,
      `app.ping.pod.${pod}`,
      `app.dns.service.${pod}`,
      `app.ping.clusterip.${pod}`,
    ])
    expect(KEY.pingEndpoint.prefix).toBe('app.ping.endpoint.')
    expect(KEY.pingEndpoint.idOf(`app.ping.endpoint.${pod}`)).toBe(pod)
    // A pod key of another family is not this family's.
    expect(KEY.pingPod.idOf(`app.ping.endpoint.${pod}`)).toBeUndefined()
  })

  it('names the probe keys of the policy experiment by phase, probe and pod', () => {
    const pod = 'frontend-6f7c9d8b5-k2x8q'
    expect(
      POLICY_PHASES.flatMap((p) => [POLICY_PROBE_KEYS[p].http(pod), POLICY_PROBE_KEYS[p].ping(pod)]),
    ).toEqual(
      ['baseline', 'deny', 'allow', 'clean'].flatMap((p) => [
        `app.policy.${p}.http.${pod}`,
        `app.policy.${p}.ping.${pod}`,
      ]),
    )
    expect(KEY.policyDenyHttp.idOf(`app.policy.deny.http.${pod}`)).toBe(pod)
  })
})
